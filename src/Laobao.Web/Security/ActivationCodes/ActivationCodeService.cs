using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Laobao.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Security.ActivationCodes;

public enum CodeCheck
{
    Confirmed,
    Wrong,

    /// <summary>That was the last allowed wrong try: the code is now void.</summary>
    WrongAndVoided,
    Expired,

    /// <summary>No live code: never asked for, used, voided or replaced.</summary>
    NoCode,
    Malformed,
}

public sealed record CodeCheckResult(CodeCheck Outcome, int TriesLeft, ActivationCode? Code);

public sealed record IssuedCode(string Code, ActivationCode Row);

public enum ResendCheck
{
    Allowed,
    TooSoon,
    TooMany,
}

public sealed record ResendVerdict(ResendCheck Outcome, DateTimeOffset? RetryAt);

/// <summary>Issues and checks mailed codes. Issuing only stages rows, so the caller commits them with the mail.</summary>
public sealed class ActivationCodeService(LaobaoDbContext db, TimeProvider time, IOptions<ActivationCodeOptions> options)
{
    public const int Digits = 8;

    private readonly ActivationCodeOptions settings = options.Value;

    public TimeSpan Lifetime => settings.Lifetime;

    /// <summary>Voids earlier live codes of the same purpose and stages a new one; SaveChanges is the caller's.</summary>
    public async Task<IssuedCode> IssueAsync(Guid accountId, string purpose, string? targetEmail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.Set<ActivationCode>()
            .Where(c => c.AccountId == accountId && c.Purpose == purpose && c.ConsumedAt == null && c.VoidedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.VoidedAt, now), cancellationToken);
        var code = RandomNumberGenerator.GetInt32(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture);
        var salt = RandomNumberGenerator.GetBytes(16);
        var row = new ActivationCode
        {
            AccountId = accountId,
            Purpose = purpose,
            TargetEmail = targetEmail,
            Salt = salt,
            CodeHash = HashCode(salt, code),
            CreatedAt = now,
            ExpiresAt = now + settings.Lifetime,
        };
        db.Set<ActivationCode>().Add(row);
        return new IssuedCode(code, row);
    }

    /// <summary>Whether another code may be sent now: one per <see cref="ActivationCodeOptions.ResendInterval"/>, a few per window.</summary>
    public async Task<ResendVerdict> CanResendAsync(Guid accountId, string purpose, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var windowStart = now - settings.ResendWindow;
        var recent = await db.Set<ActivationCode>().AsNoTracking()
            .Where(c => c.AccountId == accountId && c.Purpose == purpose && c.CreatedAt > windowStart)
            .Select(c => c.CreatedAt)
            .ToListAsync(cancellationToken);
        if (recent.Count >= settings.MaxCodesPerWindow)
        {
            var oldest = recent.Min();
            return new ResendVerdict(ResendCheck.TooMany, Utc(oldest + settings.ResendWindow));
        }

        if (recent.Count > 0 && recent.Max() + settings.ResendInterval > now)
        {
            return new ResendVerdict(ResendCheck.TooSoon, Utc(recent.Max() + settings.ResendInterval));
        }

        return new ResendVerdict(ResendCheck.Allowed, null);
    }

    /// <summary>
    /// Checks a typed code against the newest live code. A wrong try is counted by a conditional UPDATE so
    /// parallel guesses cannot exceed the limit; a right one is consumed the same way so it works once.
    /// </summary>
    public async Task<CodeCheckResult> CheckAsync(Guid accountId, string purpose, string? typed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var candidate = Normalize(typed);
        if (candidate is null)
        {
            return new CodeCheckResult(CodeCheck.Malformed, 0, null);
        }

        var code = await db.Set<ActivationCode>()
            .Where(c => c.AccountId == accountId && c.Purpose == purpose && c.ConsumedAt == null && c.VoidedAt == null)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (code is null)
        {
            return new CodeCheckResult(CodeCheck.NoCode, 0, null);
        }

        if (now > Utc(code.ExpiresAt).UtcDateTime)
        {
            return new CodeCheckResult(CodeCheck.Expired, 0, code);
        }

        if (CryptographicOperations.FixedTimeEquals(HashCode(code.Salt, candidate), code.CodeHash))
        {
            var consumed = await db.Set<ActivationCode>()
                .Where(c => c.Id == code.Id && c.ConsumedAt == null && c.VoidedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedAt, now), cancellationToken);
            return consumed == 1 ? new CodeCheckResult(CodeCheck.Confirmed, 0, code) : new CodeCheckResult(CodeCheck.NoCode, 0, null);
        }

        var max = settings.MaxFailedAttempts;
        var counted = await db.Set<ActivationCode>()
            .Where(c => c.Id == code.Id && c.ConsumedAt == null && c.VoidedAt == null && c.FailedAttempts < max)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), cancellationToken);
        if (counted == 0)
        {
            return new CodeCheckResult(CodeCheck.NoCode, 0, null);
        }

        var failed = await db.Set<ActivationCode>().AsNoTracking().Where(c => c.Id == code.Id).Select(c => c.FailedAttempts).SingleAsync(cancellationToken);
        if (failed >= max)
        {
            await db.Set<ActivationCode>().Where(c => c.Id == code.Id && c.VoidedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.VoidedAt, now), cancellationToken);
            return new CodeCheckResult(CodeCheck.WrongAndVoided, 0, code);
        }

        return new CodeCheckResult(CodeCheck.Wrong, max - failed, code);
    }

    /// <summary>Digits only, full-width digits and spaces or dashes forgiven; anything else is not a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        // Mapped by hand: the host runs without ICU, so NFKC would leave an IME's full-width digits as they are.
        var text = new string(typed.Where(c => c is not (' ' or '-' or '\u3000')).Select(c => c is >= '０' and <= '９' ? (char)('0' + (c - '０')) : c).ToArray());
        return text.Length == Digits && text.All(char.IsAsciiDigit) ? text : null;
    }

    private static byte[] HashCode(byte[] salt, string code)
    {
        var input = new byte[salt.Length + Digits];
        salt.CopyTo(input, 0);
        Encoding.ASCII.GetBytes(code, input.AsSpan(salt.Length));
        return SHA256.HashData(input);
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
