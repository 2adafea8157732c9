using Microsoft.JSInterop;

namespace Laobao.App.Browser;

/// <summary>Browser facts: document language and preferred languages (in-process), and the small JS module wwwroot/js/app.js (online state, user agent, files).</summary>
public sealed class BrowserFacts(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? module;

    /// <summary>
    /// Sets <c>&lt;html lang&gt;</c> synchronously (in-process interop, no module to fetch first), so the first render
    /// is already announced in its language (issue 20: nothing is awaited before the app's first render).
    /// </summary>
    public void SetDocumentLanguage(string tag) => InProcess.InvokeVoid("document.documentElement.setAttribute", "lang", tag);

    /// <summary>
    /// navigator.languages, most preferred first, read synchronously: the array's own <c>join</c> is the one function
    /// that hands it over as a plain string, without a script of our own having to be loaded before the first render.
    /// </summary>
    public string[] Languages()
    {
        try
        {
            return InProcess.Invoke<string>("navigator.languages.join", ",").Split(',', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (JSException)
        {
            // A browser without navigator.languages: no preference, the app starts in Chinese.
            return [];
        }
    }

    public async Task<bool> IsOnlineAsync() => await (await ModuleAsync()).InvokeAsync<bool>("isOnline");

    public async Task<string> UserAgentAsync() => await (await ModuleAsync()).InvokeAsync<string>("userAgent");

    /// <summary>Drops the link ticket from the address bar, so it is not left in history or bookmarks.</summary>
    public async Task ClearHashAsync() => await (await ModuleAsync()).InvokeVoidAsync("clearHash");

    /// <summary>Lets the browser save <paramref name="bytes"/> as a file named <paramref name="name"/>.</summary>
    public async Task SaveFileAsync(string name, string contentType, byte[] bytes) =>
        await (await ModuleAsync()).InvokeVoidAsync("saveFile", name, contentType, bytes);

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            await module.DisposeAsync();
        }
    }

    // Blazor WebAssembly's runtime is in-process: synchronous calls need no round trip through the event loop.
    private IJSInProcessRuntime InProcess => (IJSInProcessRuntime)js;

    private async Task<IJSObjectReference> ModuleAsync() =>
        module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/app.js");
}
