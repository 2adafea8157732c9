using Laobao.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Security.RateLimiting;

/// <summary>
/// Counts failed sign-ins in a sliding window per ID number and per client address. The counters are rows
/// in the shared database, so the limit holds across every web node.
/// </summary>
public sealed class SignInLimiter(LaobaoDbContext db, TimeProvider time, IOptions<SignInLimitOptions> options)
{
    public async Task<bool> IsLimitedAsync(string? normalizedIdNumber, string clientAddress, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var since = (time.GetUtcNow() - limits.Window).UtcDateTime;
        // No ID number: a key no row has.
        var (byAddress, byId) = await SignInFailureCounts.CountTwoAsync(
            db, AddressKey(clientAddress), normalizedIdNumber is null ? "-" : IdKey(normalizedIdNumber), since, cancellationToken);
        return byAddress >= limits.PerClientAddress || (normalizedIdNumber is not null && byId >= limits.PerIdNumber);
    }

    public async Task RecordFailureAsync(string? normalizedIdNumber, string clientAddress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cutoff = (now - options.Value.Window).UtcDateTime;
        await db.Set<SignInFailure>().Where(f => f.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        db.Set<SignInFailure>().Add(new SignInFailure { KeyHash = AddressKey(clientAddress), At = now.UtcDateTime });
        if (normalizedIdNumber is not null)
        {
            db.Set<SignInFailure>().Add(new SignInFailure { KeyHash = IdKey(normalizedIdNumber), At = now.UtcDateTime });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static string AddressKey(string clientAddress) => Hashes.Sha256Hex("ip:" + clientAddress);

    private static string IdKey(string normalizedIdNumber) => Hashes.Sha256Hex("id:" + normalizedIdNumber);
}
