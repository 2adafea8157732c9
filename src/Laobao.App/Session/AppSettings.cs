using Laobao.App.Browser;

namespace Laobao.App.Session;

/// <summary>What the app remembers between starts: the chosen language and the device this phone was linked as.</summary>
/// <remarks><see cref="HasPasskey"/>: this phone enrolled a platform passkey (SPEC §11), so the sign-in page offers it.</remarks>
public sealed record StoredSettings(string Language, Guid? DeviceId, string? DeviceName, string? Holder, string? Site, bool HasPasskey = false);

/// <summary>The app settings, kept in localStorage under one key.</summary>
public sealed class AppSettings(BrowserStorage storage)
{
    public const string StorageKey = "laobao.settings";

    private StoredSettings? current;

    public async Task<StoredSettings> GetAsync() =>
        current ??= await storage.GetAsync<StoredSettings>(StorageKey) ?? new StoredSettings("", null, null, null, null);

    public async Task UpdateAsync(Func<StoredSettings, StoredSettings> change)
    {
        current = change(await GetAsync());
        await storage.SetAsync(StorageKey, current);
    }
}
