using Microsoft.JSInterop;

namespace Laobao.App.Device;

/// <summary>The platform passkey through the browser's WebAuthn API (wwwroot/js/passkey.js); the JSON passes through untouched.</summary>
public sealed class PasskeyStore(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? module;

    public async Task<bool> SupportedAsync() => await (await ModuleAsync()).InvokeAsync<bool>("supported");

    /// <summary>Makes a passkey for the server's creation options; the credential JSON for the server.</summary>
    public async Task<string> CreateAsync(string optionsJson) => await (await ModuleAsync()).InvokeAsync<string>("create", optionsJson);

    /// <summary>Signs the server's request options with the passkey; the assertion JSON for the server.</summary>
    public async Task<string> GetAsync(string optionsJson) => await (await ModuleAsync()).InvokeAsync<string>("get", optionsJson);

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            await module.DisposeAsync();
        }
    }

    private async Task<IJSObjectReference> ModuleAsync() =>
        module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/passkey.js");
}
