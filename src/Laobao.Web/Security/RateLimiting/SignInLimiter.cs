using System.Globalization;
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
    // Both counters in one round trip (every card sign-in asks twice: at the challenge and at the login). Counted in
    // the shared table on every call, never cached: a failure on another node counts here at once.
    private const string CountSql =
        "SELECT (SELECT COUNT(*) FROM sign_in_failures WHERE key_hash = @address AND at > @since), "
        + "(SELECT COUNT(*) FROM sign_in_failures WHERE key_hash = @id AND at > @since)";

    public async Task<bool> IsLimitedAsync(string? normalizedIdNumber, string clientAddress, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var since = (time.GetUtcNow() - limits.Window).UtcDateTime;
        var (byAddress, byId) = await db.RunAsync(
            CountSql,
            new (string, object?)[]
            {
                ("@address", AddressKey(clientAddress)),
                // No ID number: a key no row has.
                ("@id", normalizedIdNumber is null ? "-" : IdKey(normalizedIdNumber)),
                ("@since", since),
            },
            static async (command, token) =>
            {
                await using var reader = await command.ExecuteReaderAsync(token);
                if (!await reader.ReadAsync(token))
                {
                    return (0L, 0L);
                }

                return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
            },
            cancellationToken);
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
