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
public sealed class ChallengeService(LaobaoDbContext db, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    // Redeemed and expired rows are kept a while so a replay still reads as "unknown", then purged.
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    public async Task<IssuedChallenge> IssueAsync(string purpose, string browserBinding, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var expiresAt = now + Lifetime;
        var cutoff = (now - Retention).UtcDateTime;
        await db.Set<SignChallenge>().Where(c => c.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        db.Set<SignChallenge>().Add(new SignChallenge
        {
            NonceHash = Hashes.Sha256Hex(nonce),
            BindingHash = Hashes.Sha256Hex(browserBinding),
            Purpose = purpose,
            CreatedAt = now.UtcDateTime,
            ExpiresAt = expiresAt.UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
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
        var nonceHash = Hashes.Sha256Hex(nonce);
        var bindingHash = Hashes.Sha256Hex(browserBinding);
        var taken = await db.Set<SignChallenge>()
            .Where(c => c.NonceHash == nonceHash && c.BindingHash == bindingHash && c.Purpose == purpose && c.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedAt, now), cancellationToken);
        if (taken != 1)
        {
            return ChallengeRedemption.Unknown;
        }

        var expiresAt = await db.Set<SignChallenge>().AsNoTracking()
            .Where(c => c.NonceHash == nonceHash)
            .Select(c => c.ExpiresAt)
            .SingleAsync(cancellationToken);
        return now > DateTime.SpecifyKind(expiresAt, DateTimeKind.Utc) ? ChallengeRedemption.Expired : ChallengeRedemption.Redeemed;
    }
}
