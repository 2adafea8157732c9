using Laobao.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Security.RateLimiting;

/// <summary>
/// Counts failed card signatures on the pages a person reaches only after a card sign-in (the account application
/// and its changes), per person, in the same shared table and sliding window as failed sign-ins. The key is apart
/// from the sign-in key: failing here never blocks the card sign-in, and a stranger typing someone's ID number on
/// the login page never blocks that person's account pages.
/// </summary>
public sealed class CardSignatureLimiter(
    LaobaoDbContext db,
    TimeProvider time,
    IOptions<CardSignatureLimitOptions> options,
    IOptions<SignInLimitOptions> signInOptions)
{
    public TimeSpan Window => signInOptions.Value.Window;

    /// <summary>When the person may sign again, or null when they may now: the oldest counted failure leaving the window.</summary>
    public async Task<DateTimeOffset?> LimitedUntilAsync(string normalizedIdNumber, CancellationToken cancellationToken)
    {
        var limit = options.Value.PerPerson;
        var since = (time.GetUtcNow() - Window).UtcDateTime;
        var key = Key(normalizedIdNumber);
        var recent = await db.Set<SignInFailure>().AsNoTracking()
            .Where(f => f.KeyHash == key && f.At > since)
            .OrderByDescending(f => f.At)
            .Select(f => f.At)
            .Take(limit)
            .ToListAsync(cancellationToken);
        if (recent.Count < limit)
        {
            return null;
        }

        return new DateTimeOffset(DateTime.SpecifyKind(recent[^1], DateTimeKind.Utc)) + Window;
    }

    public async Task RecordFailureAsync(string normalizedIdNumber, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = Key(normalizedIdNumber);
        var cutoff = (now - Window).UtcDateTime;
        await db.Set<SignInFailure>().Where(f => f.KeyHash == key && f.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        db.Set<SignInFailure>().Add(new SignInFailure { KeyHash = key, At = now.UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Key(string normalizedIdNumber) => Hashes.Sha256Hex("card-signature:" + normalizedIdNumber);
}
