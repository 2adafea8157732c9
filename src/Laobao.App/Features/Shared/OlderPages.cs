using Laobao.App.Session;
using Laobao.Client;
using Microsoft.AspNetCore.Components;

namespace Laobao.App.Features.Shared;

/// <summary>
/// The older pages of a paged answer (pension months, activity history): fetched live, one per press, after the first
/// page the screen loaded (and cached for offline use). A failed fetch leaves a sentence key for the screen; an ended
/// session goes to sign-in, as every screen does.
/// </summary>
public sealed class OlderPages(AppSession session, NavigationManager navigation)
{
    /// <summary>Pages shown so far; the first is the screen's own.</summary>
    public int Shown { get; private set; } = 1;

    public bool Loading { get; private set; }

    /// <summary>The copy key of what went wrong with the last fetch, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Fetches page <see cref="Shown"/> + 1; null when it could not be had (<see cref="Error"/> says why).</summary>
    public async Task<T?> NextAsync<T>(Func<string, int, CancellationToken, Task<T>> fetch)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(fetch);
        Error = null;
        Loading = true;
        try
        {
            var next = await session.CallAsync((token, ct) => fetch(token, Shown + 1, ct));
            Shown++;
            return next;
        }
        catch (SessionEndedException)
        {
            navigation.NavigateTo("signin?expired=1");
        }
        catch (Exception e) when (e is LaobaoApiException or HttpRequestException)
        {
            Error = "errorGeneric";
        }
        finally
        {
            Loading = false;
        }

        return null;
    }
}
