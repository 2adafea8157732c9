using Microsoft.JSInterop;

namespace Laobao.App.Browser;

/// <summary>The app's small JS module (wwwroot/js/app.js): document language, online state, user agent.</summary>
public sealed class BrowserFacts(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? module;

    public async Task SetDocumentLanguageAsync(string tag) => await (await ModuleAsync()).InvokeVoidAsync("setDocumentLanguage", tag);

    /// <summary>navigator.languages, most preferred first.</summary>
    public async Task<string[]> LanguagesAsync() => await (await ModuleAsync()).InvokeAsync<string[]>("languages");

    public async Task SetTitleAsync(string title) => await (await ModuleAsync()).InvokeVoidAsync("setTitle", title);

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

    private async Task<IJSObjectReference> ModuleAsync() =>
        module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/app.js");
}
