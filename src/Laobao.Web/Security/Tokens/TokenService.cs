using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using Laobao.Client;
using Laobao.Web.Data;
using Laobao.Web.Features.MobileAccount;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Laobao.Web.Security.Tokens;

public sealed record IssuedTokens(string AccessToken, int ExpiresIn, string RefreshToken, Guid FamilyId);

/// <summary>Who an access token speaks for.</summary>
public sealed record TokenPrincipal(string PersonIdNumber, Guid DeviceId, Guid FamilyId);

public enum RefreshOutcome
{
    Rotated,
    Invalid,
    /// <summary>An already used token came back: the family was revoked.</summary>
    Reused,
}

public sealed record RefreshResult(RefreshOutcome Outcome, IssuedTokens? Tokens);

/// <summary>
/// Opaque tokens of the mobile API. 32 random bytes (256 bits) each, base64url; the database holds only
/// SHA-256 hashes, so a leaked table grants nothing. Every node validates against the same rows.
/// </summary>
public sealed class TokenService(LaobaoDbContext db, TimeProvider time)
{
    public static readonly TimeSpan AccessLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(30);

    // Expired rows are kept a day so a late reuse of a rotated token is still recognised, then purged.
    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    public async Task<IssuedTokens> IssueAsync(string personIdNumber, Guid deviceId, Guid? familyId, CancellationToken cancellationToken)
    {
        var issued = Stage(personIdNumber, deviceId, familyId);
        await db.SaveChangesAsync(cancellationToken);
        return issued;
    }

    /// <summary>
    /// Adds the token rows of a new access and refresh token to the context without saving them: the caller saves them
    /// with its other changes in one SaveChanges (the sign-in: with its audit row and the device's last use).
    /// </summary>
    public IssuedTokens Stage(string personIdNumber, Guid deviceId, Guid? familyId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var family = familyId ?? Guid.NewGuid();
        var access = NewToken();
        var refresh = NewToken();
        db.Set<MobileAccessToken>().Add(new MobileAccessToken
        {
            TokenHash = Hashes.Sha256Hex(access),
            FamilyId = family,
            DeviceId = deviceId,
            PersonIdNumber = personIdNumber,
            ExpiresAt = now + AccessLifetime,
        });
        db.Set<MobileRefreshToken>().Add(new MobileRefreshToken
        {
            TokenHash = Hashes.Sha256Hex(refresh),
            FamilyId = family,
            DeviceId = deviceId,
            PersonIdNumber = personIdNumber,
            IssuedAt = now,
            ExpiresAt = now + RefreshLifetime,
        });
        return new IssuedTokens(access, (int)AccessLifetime.TotalSeconds, refresh, family);
    }

    /// <summary>Rotates a refresh token presented by <paramref name="deviceId"/> (whose signature the caller has checked).</summary>
    public async Task<RefreshResult> RefreshAsync(string? refreshToken, Guid deviceId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(refreshToken) || refreshToken.Length > 128)
        {
            return new RefreshResult(RefreshOutcome.Invalid, null);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var hash = Hashes.Sha256Hex(refreshToken);
        var row = await db.Set<MobileRefreshToken>().AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (row is null || row.DeviceId != deviceId || row.RevokedAt is not null)
        {
            return new RefreshResult(RefreshOutcome.Invalid, null);
        }

        // A closed (or otherwise not active) account has no sessions, whatever its token rows say.
        if (!await AccountActiveAsync(row.PersonIdNumber, cancellationToken))
        {
            await RevokeFamilyAsync(row.FamilyId, cancellationToken);
            return new RefreshResult(RefreshOutcome.Invalid, null);
        }

        if (row.UsedAt is not null)
        {
            await RevokeFamilyAsync(row.FamilyId, cancellationToken);
            return new RefreshResult(RefreshOutcome.Reused, null);
        }

        if (now >= DateTime.SpecifyKind(row.ExpiresAt, DateTimeKind.Utc))
        {
            return new RefreshResult(RefreshOutcome.Invalid, null);
        }

        // One conditional UPDATE: of two racing uses only one rotates; the other is a reuse.
        var taken = await db.Set<MobileRefreshToken>()
            .Where(t => t.TokenHash == hash && t.UsedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (taken != 1)
        {
            await RevokeFamilyAsync(row.FamilyId, cancellationToken);
            return new RefreshResult(RefreshOutcome.Reused, null);
        }

        // The previous access tokens of the family end with the rotation.
        await db.Set<MobileAccessToken>()
            .Where(t => t.FamilyId == row.FamilyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        var tokens = await IssueAsync(row.PersonIdNumber, deviceId, row.FamilyId, cancellationToken);
        return new RefreshResult(RefreshOutcome.Rotated, tokens);
    }

    public async Task<TokenPrincipal?> ValidateAccessAsync(string? accessToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(accessToken) || accessToken.Length > 128)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = ValidAccessSql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            AddParameter(command, "@hash", Hashes.Sha256Hex(accessToken));
            AddParameter(command, "@now", now);
            AddParameter(command, "@active", nameof(MobileAccountStatus.Active));
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new TokenPrincipal(reader.GetString(0), reader.GetGuid(1), reader.GetGuid(2))
                : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // Every bearer request runs this lookup, straight through ADO.NET on the context's connection: one indexed read by the
    // token hash (the primary key), and only while the person's account is active — closing (or suspending) it ends every
    // token at once. Through EF Core, even compiled, the query pipeline around this one row was a visible share of the
    // profile of GET /api/v1/me/coverage. No cache: a revoked token must end on every node at once (SPEC §7).
    private const string ValidAccessSql =
        "SELECT t.person_id_number, t.device_id, t.family_id FROM mobile_access_tokens t "
        + "WHERE t.token_hash = @hash AND t.revoked_at IS NULL AND t.expires_at > @now "
        + "AND EXISTS (SELECT 1 FROM mobile_accounts a WHERE a.person_id_number = t.person_id_number AND a.status = @active)";

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public async Task RevokeFamilyAsync(Guid familyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.Set<MobileRefreshToken>().Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        await db.Set<MobileAccessToken>().Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    /// <summary>Ends every session of a device: called when it is unlinked from either side.</summary>
    public async Task RevokeDeviceAsync(Guid deviceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.Set<MobileRefreshToken>().Where(t => t.DeviceId == deviceId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        await db.Set<MobileAccessToken>().Where(t => t.DeviceId == deviceId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    /// <summary>
    /// Ends every mobile session of a person except the family <paramref name="keepFamily"/> (the app session that
    /// made the change, if any): a password or email change, or closing the account.
    /// </summary>
    public async Task RevokePersonAsync(string personIdNumber, Guid? keepFamily, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var keep = keepFamily ?? Guid.Empty;
        await db.Set<MobileRefreshToken>().Where(t => t.PersonIdNumber == personIdNumber && t.RevokedAt == null && t.FamilyId != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        await db.Set<MobileAccessToken>().Where(t => t.PersonIdNumber == personIdNumber && t.RevokedAt == null && t.FamilyId != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    private Task<bool> AccountActiveAsync(string personIdNumber, CancellationToken cancellationToken) =>
        db.Set<MobileAccount>().AnyAsync(a => a.PersonIdNumber == personIdNumber && a.Status == MobileAccountStatus.Active, cancellationToken);

    public async Task PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = (time.GetUtcNow() - Retention).UtcDateTime;
        await db.Set<MobileAccessToken>().Where(t => t.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.Set<MobileRefreshToken>().Where(t => t.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// <see cref="PurgeExpiredAsync"/> at most once a minute on this node: the purge only keeps the tables small (expiry is
    /// checked on every use), and on every sign-in it was two DELETE round trips.
    /// </summary>
    public Task PurgeExpiredIfDueAsync(OncePerMinute<TokenService> purge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(purge);
        return purge.IsDue(time.GetUtcNow()) ? PurgeExpiredAsync(cancellationToken) : Task.CompletedTask;
    }

    private static string NewToken() => DeviceProof.ToBase64Url(RandomNumberGenerator.GetBytes(32));
}
