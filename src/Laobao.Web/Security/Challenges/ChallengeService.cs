using System.Security.Cryptography;
using Laobao.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Security.Challenges;

public enum ChallengeRedemption
{
    Redeemed,
    Unknown,
    Expired,
}

public sealed record IssuedChallenge(string Nonce, DateTimeOffset ExpiresAt);

/// <summary>Issues and redeems the nonces of SPEC §4.2: 32 random bytes, 5 minutes, single use, one browser session.</summary>
public sealed class ChallengeService(LaobaoDbContext db, TimeProvider time, OncePerMinute<ChallengeService> purge)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    // Redeemed and expired rows are kept a while so a replay still reads as "unknown", then purged.
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    // The challenge row and its redemption are on every card, passkey and password sign-in: one statement each,
    // through ADO.NET (EF Core's pipeline around one row showed in the profile of the card sign-in).
    private const string InsertSql =
        "INSERT INTO sign_challenges (nonce_hash, binding_hash, purpose, created_at, expires_at) VALUES (@nonce, @binding, @purpose, @created, @expires)";

    // Marks the nonce used and reads its expiry in one conditional UPDATE: of two nodes racing on the same nonce only
    // one gets the row back.
    private const string RedeemSql =
        "UPDATE sign_challenges SET consumed_at = @now "
        + "WHERE nonce_hash = @nonce AND binding_hash = @binding AND purpose = @purpose AND consumed_at IS NULL "
        + "RETURNING expires_at";

    public async Task<IssuedChallenge> IssueAsync(string purpose, string browserBinding, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var expiresAt = now + Lifetime;
        if (purge.IsDue(now))
        {
            // Once a minute per node is plenty: the purge only keeps the table small; expiry is checked on redemption.
            var cutoff = (now - Retention).UtcDateTime;
            await db.Set<SignChallenge>().Where(c => c.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        }

        await db.RunAsync(
            InsertSql,
            new (string, object?)[]
            {
                ("@nonce", Hashes.Sha256Hex(nonce)),
                ("@binding", Hashes.Sha256Hex(browserBinding)),
                ("@purpose", purpose),
                ("@created", now.UtcDateTime),
                ("@expires", expiresAt.UtcDateTime),
            },
            static (command, token) => command.ExecuteNonQueryAsync(token),
            cancellationToken);
        return new IssuedChallenge(nonce, expiresAt);
    }

    /// <summary>
    /// Marks the nonce used in one conditional UPDATE, so two nodes racing on the same nonce cannot both win;
    /// a nonce of another session or purpose is "unknown" exactly like a made-up one.
    /// </summary>
    public async Task<ChallengeRedemption> RedeemAsync(string purpose, string nonce, string? browserBinding, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(browserBinding))
        {
            return ChallengeRedemption.Unknown;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var expiresAt = await db.RunAsync(
            RedeemSql,
            new (string, object?)[]
            {
                ("@now", now),
                ("@nonce", Hashes.Sha256Hex(nonce)),
                ("@binding", Hashes.Sha256Hex(browserBinding)),
                ("@purpose", purpose),
            },
            static async (command, token) =>
            {
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token) ? reader.GetDateTime(0) : (DateTime?)null;
            },
            cancellationToken);
        if (expiresAt is not { } expiry)
        {
            return ChallengeRedemption.Unknown;
        }

        return now > DateTime.SpecifyKind(expiry, DateTimeKind.Utc) ? ChallengeRedemption.Expired : ChallengeRedemption.Redeemed;
    }
}
