using Microsoft.JSInterop;

namespace Laobao.App.Device;

/// <summary>Public facts of the device key; the private key itself never leaves the browser's key store.</summary>
public sealed record DeviceKeyInfo(string PublicKey, string Fingerprint, bool PrivateKeyExtractable, string Curve, bool Created);

/// <summary>The WebCrypto device key kept in IndexedDB (wwwroot/js/device-key.js).</summary>
public sealed class DeviceKeyStore(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? module;

    public async Task<DeviceKeyInfo?> GetAsync() => await (await ModuleAsync()).InvokeAsync<DeviceKeyInfo?>("get");

    public async Task<DeviceKeyInfo> EnsureAsync() => await (await ModuleAsync()).InvokeAsync<DeviceKeyInfo>("ensure");

    /// <summary>Base64url IEEE P1363 ECDSA P-256 SHA-256 signature over the UTF-8 bytes of <paramref name="text"/>.</summary>
    public async Task<string> SignAsync(string text) => await (await ModuleAsync()).InvokeAsync<string>("sign", text);

    public async Task RemoveAsync() => await (await ModuleAsync()).InvokeVoidAsync("remove");

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            await module.DisposeAsync();
        }
    }

    private async Task<IJSObjectReference> ModuleAsync() =>
        module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/device-key.js");
}
