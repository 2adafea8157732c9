using System.Text.Json;
using System.Text.Json.Serialization;
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

    /// <summary>
    /// The settings, read once synchronously (the layout needs the language before its first render, issue 20), then
    /// kept in memory; every change goes through <see cref="UpdateAsync"/>.
    /// </summary>
    public StoredSettings Current =>
        current ??= storage.Get(StorageKey, SettingsJson.Default.StoredSettings) ?? new StoredSettings("", null, null, null, null);

    public Task<StoredSettings> GetAsync() => Task.FromResult(Current);

    public async Task UpdateAsync(Func<StoredSettings, StoredSettings> change)
    {
        current = change(Current);
        await storage.SetAsync(StorageKey, current, SettingsJson.Default.StoredSettings);
    }
}

/// <summary>The settings' JSON contract, generated at build time: the same shape as before (web defaults, camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StoredSettings))]
internal sealed partial class SettingsJson : JsonSerializerContext;
