using Laobao.Web.Data;
using Laobao.Web.Security.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Security.Tokens;

/// <summary>
/// Failure counters of the mobile side in the shared sign-in failure table, under keys of its own
/// (hashed, so neither emails nor addresses sit in the table). Keys are chosen by the caller: the mobile
/// sign-in counts per account+address pair and per address, never per account alone, so a stranger
/// guessing passwords from elsewhere cannot lock the owner out.
/// </summary>
public sealed class AttemptLimiter(LaobaoDbContext db, TimeProvider time, IOptions<SignInLimitOptions> options)
{
    public async Task<bool> IsLimitedAsync(string key, int limit, CancellationToken cancellationToken)
    {
        var since = (time.GetUtcNow() - options.Value.Window).UtcDateTime;
        var hash = Hashes.Sha256Hex(key);
        return await db.Set<SignInFailure>().AsNoTracking().CountAsync(f => f.KeyHash == hash && f.At > since, cancellationToken) >= limit;
    }

    /// <summary>The failures within the window under each of two keys, read in one statement.</summary>
    public async Task<(long First, long Second)> CountAsync(string first, string second, CancellationToken cancellationToken)
    {
        var since = (time.GetUtcNow() - options.Value.Window).UtcDateTime;
        return await SignInFailureCounts.CountTwoAsync(db, Hashes.Sha256Hex(first), Hashes.Sha256Hex(second), since, cancellationToken);
    }

    public async Task RecordFailureAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var key in keys)
        {
            db.Set<SignInFailure>().Add(new SignInFailure { KeyHash = Hashes.Sha256Hex(key), At = now });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A success clears the pair's counter so the owner's own typos do not pile up.</summary>
    public async Task ClearAsync(string key, CancellationToken cancellationToken)
    {
        var hash = Hashes.Sha256Hex(key);
        await db.Set<SignInFailure>().Where(f => f.KeyHash == hash).ExecuteDeleteAsync(cancellationToken);
    }
}
