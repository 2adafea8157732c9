using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Laobao.Client;

/// <summary>What the server answers when a passkey ceremony starts: its id, the WebAuthn options as JSON, and for a sign-in the device nonce.</summary>
public sealed record PasskeyStart(string CeremonyId, string OptionsJson, string? Nonce);

/// <summary>
/// The app's passkey calls (SPEC §11). The WebAuthn options and answers are passed through as JSON text: the browser's
/// API makes them and the server's WebAuthn library reads them, so neither side's shape is restated here.
/// </summary>
public sealed class PasskeyApiClient(HttpClient http)
{
    public Task<PasskeyStart> RegistrationOptionsAsync(string accessToken, CancellationToken cancellationToken = default) =>
        StartAsync("api/v1/me/passkeys/options", "{}", accessToken, cancellationToken);

    public async Task RegisterAsync(string accessToken, string ceremonyId, string name, string credentialJson, CancellationToken cancellationToken = default)
    {
        var body = "{\"ceremonyId\":" + JsonSerializer.Serialize(ceremonyId) + ",\"name\":" + JsonSerializer.Serialize(name) + ",\"credential\":" + credentialJson + "}";
        using var response = await PostAsync("api/v1/me/passkeys", body, accessToken, cancellationToken).ConfigureAwait(false);
    }

    public Task<PasskeyStart> SignInOptionsAsync(Guid deviceId, CancellationToken cancellationToken = default) =>
        StartAsync("api/v1/sessions/passkey/options", "{\"deviceId\":\"" + deviceId.ToString("D") + "\"}", null, cancellationToken);

    public async Task<TokenResponse> SignInAsync(Guid deviceId, string ceremonyId, string credentialJson, string nonce, string signature, CancellationToken cancellationToken = default)
    {
        var body = "{\"deviceId\":\"" + deviceId.ToString("D") + "\",\"ceremonyId\":" + JsonSerializer.Serialize(ceremonyId)
            + ",\"nonce\":" + JsonSerializer.Serialize(nonce) + ",\"signature\":" + JsonSerializer.Serialize(signature) + ",\"credential\":" + credentialJson + "}";
        using var response = await PostAsync("api/v1/sessions/passkey", body, null, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<TokenResponse>(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), JsonOptions)!;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private async Task<PasskeyStart> StartAsync(string path, string body, string? accessToken, CancellationToken cancellationToken)
    {
        using var response = await PostAsync(path, body, accessToken, cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        var root = json.RootElement;
        return new PasskeyStart(
            root.GetProperty("ceremonyId").GetString()!,
            root.GetProperty("options").GetRawText(),
            root.TryGetProperty("nonce", out var nonce) ? nonce.GetString() : null);
    }

    /// <summary>Posts JSON; a refusal becomes a <see cref="LaobaoApiException"/> with the problem's code, as in <see cref="LaobaoApiClient"/>.</summary>
    private async Task<HttpResponseMessage> PostAsync(string path, string body, string? accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var code = "";
            try
            {
                using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
                code = problem.RootElement.TryGetProperty("code", out var c) ? c.GetString() ?? "" : "";
            }
            catch (JsonException)
            {
                code = "";
            }

            throw new LaobaoApiException((int)response.StatusCode, code, path);
        }
    }
}
