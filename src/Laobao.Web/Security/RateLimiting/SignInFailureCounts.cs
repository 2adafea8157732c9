using System.Globalization;
using Laobao.Web.Data;

namespace Laobao.Web.Security.RateLimiting;

/// <summary>
/// Two failure counters of the shared table in one round trip: the card sign-in (address, ID number) and the app's
/// password sign-in (address, account+address pair) ask for two on every attempt. Counted on every call, never cached:
/// a failure on another node counts here at once.
/// </summary>
internal static class SignInFailureCounts
{
    private const string CountTwoSql =
        "SELECT (SELECT COUNT(*) FROM sign_in_failures WHERE key_hash = @first AND at > @since), "
        + "(SELECT COUNT(*) FROM sign_in_failures WHERE key_hash = @second AND at > @since)";

    /// <summary>The failures after <paramref name="since"/> under each of two key hashes.</summary>
    public static Task<(long First, long Second)> CountTwoAsync(LaobaoDbContext db, string firstKeyHash, string secondKeyHash, DateTime since, CancellationToken cancellationToken) =>
        db.RunAsync(
            CountTwoSql,
            new (string, object?)[] { ("@first", firstKeyHash), ("@second", secondKeyHash), ("@since", since) },
            static async (command, token) =>
            {
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token)
                    ? (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture))
                    : (0L, 0L);
            },
            cancellationToken);
}
