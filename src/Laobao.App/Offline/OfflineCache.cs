using Laobao.App.Browser;

namespace Laobao.App.Offline;

/// <summary>Data as the app last fetched it, with the moment it was fetched.</summary>
public sealed record CachedData<T>(DateTimeOffset FetchedAt, T Value);

/// <summary>
/// The last answers of the API, kept so the app can start offline and still show them, always labelled with
/// their date. Removed at log-out and when the device is unlinked: personal data stays only while the person uses the app.
/// </summary>
public sealed class OfflineCache(BrowserStorage storage)
{
    private const string Prefix = "laobao.cache.";

    public static readonly IReadOnlyList<string> Keys = ["profile", "coverage", "pension", "devices", "activity"];

    public Task<CachedData<T>?> GetAsync<T>(string key)
        where T : class => storage.GetAsync<CachedData<T>>(Prefix + key);

    public Task SaveAsync<T>(string key, CachedData<T> data)
        where T : class => storage.SetAsync(Prefix + key, data);

    public async Task ClearAsync()
    {
        foreach (var key in Keys)
        {
            await storage.RemoveAsync(Prefix + key);
        }
    }
}
