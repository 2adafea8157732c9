using Laobao.App.Browser;
using Laobao.App.Session;
using Laobao.Client;

namespace Laobao.App.Offline;

public enum LoadState
{
    /// <summary>Fetched just now: shown as current.</summary>
    Fresh,

    /// <summary>The network failed or the phone is offline: the last fetched data, labelled with its date.</summary>
    Offline,

    /// <summary>Offline and nothing fetched before.</summary>
    OfflineNoData,

    /// <summary>Online but not signed in (or the session ended): go to log in.</summary>
    NeedSignIn,

    /// <summary>The API refused; <see cref="LoadResult{T}.ErrorCode"/> says why.</summary>
    Failed,
}

public sealed record LoadResult<T>(LoadState State, T? Value, DateTimeOffset? FetchedAt, string? ErrorCode)
    where T : class;

/// <summary>
/// Loads one view of the API and keeps it for offline use. Only data fetched in this call is ever
/// <see cref="LoadState.Fresh"/>; anything from the cache is <see cref="LoadState.Offline"/> with its date.
/// </summary>
public sealed class DataLoader(AppSession session, OfflineCache cache, BrowserFacts browser, TimeProvider clock)
{
    public async Task<LoadResult<T>> LoadAsync<T>(string key, Func<string, CancellationToken, Task<T>> fetch, CancellationToken cancellationToken = default)
        where T : class
    {
        if (!session.SignedIn)
        {
            return await browser.IsOnlineAsync()
                ? new LoadResult<T>(LoadState.NeedSignIn, null, null, null)
                : await FromCacheAsync<T>(key);
        }

        try
        {
            var value = await session.CallAsync(fetch, cancellationToken);
            var fetchedAt = clock.GetUtcNow();
            await cache.SaveAsync(key, new CachedData<T>(fetchedAt, value));
            return new LoadResult<T>(LoadState.Fresh, value, fetchedAt, null);
        }
        catch (HttpRequestException)
        {
            return await FromCacheAsync<T>(key);
        }
        catch (SessionEndedException)
        {
            return new LoadResult<T>(LoadState.NeedSignIn, null, null, null);
        }
        catch (LaobaoApiException e)
        {
            return new LoadResult<T>(LoadState.Failed, null, null, e.Code);
        }
    }

    private async Task<LoadResult<T>> FromCacheAsync<T>(string key)
        where T : class
    {
        var cached = await cache.GetAsync<T>(key);
        return cached is null
            ? new LoadResult<T>(LoadState.OfflineNoData, null, null, null)
            : new LoadResult<T>(LoadState.Offline, cached.Value, cached.FetchedAt, null);
    }
}
