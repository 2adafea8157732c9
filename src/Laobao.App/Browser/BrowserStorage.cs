using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.JSInterop;

namespace Laobao.App.Browser;

/// <summary>
/// The browser's localStorage, holding the app's settings and the last data it fetched. Values are JSON;
/// a value that no longer parses (an older app version wrote it) reads as absent rather than breaking the app.
/// </summary>
public sealed class BrowserStorage(IJSRuntime js)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<T?> GetAsync<T>(string key)
        where T : class
    {
        var text = await js.InvokeAsync<string?>("localStorage.getItem", key);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads synchronously with a source-generated contract: for what the first render needs (the settings), so it
    /// is not awaited and System.Text.Json does not build the type's contract by reflection in the interpreter first.
    /// </summary>
    public T? Get<T>(string key, JsonTypeInfo<T> type)
        where T : class
    {
        var text = ((IJSInProcessRuntime)js).Invoke<string?>("localStorage.getItem", key);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task SetAsync<T>(string key, T value, JsonTypeInfo<T> type) =>
        await js.InvokeVoidAsync("localStorage.setItem", key, JsonSerializer.Serialize(value, type));

    public async Task SetAsync<T>(string key, T value) =>
        await js.InvokeVoidAsync("localStorage.setItem", key, JsonSerializer.Serialize(value, Json));

    public async Task RemoveAsync(string key) => await js.InvokeVoidAsync("localStorage.removeItem", key);
}
