using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Laobao.Client;

/// <summary>A refusal of the API: the HTTP status and the problem document's stable <see cref="Code"/>.</summary>
public sealed class LaobaoApiException(int status, string code, string? title)
    : Exception($"{status} {code}: {title}")
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string? Title { get; } = title;
}

/// <summary>
/// Typed calls of the mobile API (SPEC §7). The caller owns the <see cref="HttpClient"/> (base address = the site)
/// and passes the access token to calls that need one, so one client serves many sessions (benchmarks, tests).
/// </summary>
public sealed partial class LaobaoApiClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<DeviceLinkAccepted> LinkDeviceAsync(DeviceLinkRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<DeviceLinkAccepted>(HttpMethod.Post, "api/v1/device-links", request, null, cancellationToken);

    public Task<DeviceLinkStatus> GetDeviceLinkAsync(Guid linkId, CancellationToken cancellationToken = default) =>
        SendAsync<DeviceLinkStatus>(HttpMethod.Get, "api/v1/device-links/" + linkId.ToString("D"), null, null, cancellationToken);

    public Task<SessionChallenge> ChallengeAsync(Guid deviceId, CancellationToken cancellationToken = default) =>
        SendAsync<SessionChallenge>(HttpMethod.Post, "api/v1/sessions/challenge", new SessionChallengeRequest(deviceId), null, cancellationToken);

    public Task<TokenResponse> SignInAsync(SignInRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TokenResponse>(HttpMethod.Post, "api/v1/sessions", request, null, cancellationToken);

    public Task<TokenResponse> RefreshAsync(RefreshRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<TokenResponse>(HttpMethod.Post, "api/v1/sessions/refresh", request, null, cancellationToken);

    public Task LogOutAsync(string accessToken, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Delete, "api/v1/sessions/current", null, accessToken, cancellationToken);

    public Task<ProfileView> GetProfileAsync(string accessToken, CancellationToken cancellationToken = default) =>
        SendAsync<ProfileView>(HttpMethod.Get, "api/v1/me", null, accessToken, cancellationToken);

    public Task<CoverageReport> GetCoverageAsync(string accessToken, CancellationToken cancellationToken = default) =>
        SendAsync<CoverageReport>(HttpMethod.Get, "api/v1/me/coverage", null, accessToken, cancellationToken);

    public Task<PensionReport> GetPensionAsync(string accessToken, int page = 1, int pageSize = 60, CancellationToken cancellationToken = default) =>
        SendAsync<PensionReport>(
            HttpMethod.Get,
            string.Create(CultureInfo.InvariantCulture, $"api/v1/me/pension?page={page}&pageSize={pageSize}"),
            null,
            accessToken,
            cancellationToken);

    /// <summary>GET /api/v1/me/estimates; <paramref name="query"/> is the scenario, e.g. <c>claimAge=63&amp;voluntaryRate=6</c>.</summary>
    public Task<EstimateReport> GetEstimatesAsync(string accessToken, string? query = null, CancellationToken cancellationToken = default) =>
        SendAsync<EstimateReport>(HttpMethod.Get, string.IsNullOrEmpty(query) ? "api/v1/me/estimates" : "api/v1/me/estimates?" + query, null, accessToken, cancellationToken);

    /// <summary>GET /api/v1/me/statements: the person's own statements, newest first.</summary>
    public Task<IReadOnlyList<StatementView>> GetStatementsAsync(string accessToken, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<StatementView>>(HttpMethod.Get, "api/v1/me/statements", null, accessToken, cancellationToken);

    /// <summary>POST /api/v1/me/statements: issues a signed statement of <paramref name="kind"/> (coverage or pension).</summary>
    public Task<StatementView> IssueStatementAsync(string accessToken, string kind, string? asOf = null, CancellationToken cancellationToken = default) =>
        SendAsync<StatementView>(HttpMethod.Post, "api/v1/me/statements", new IssueStatementRequest(kind, asOf), accessToken, cancellationToken);

    /// <summary>The issued PDF, byte for byte (its SHA-256 is the one the verification page shows).</summary>
    public Task<DownloadedFile> GetStatementPdfAsync(string accessToken, string code, CancellationToken cancellationToken = default) =>
        GetFileAsync("api/v1/me/statements/" + Uri.EscapeDataString(code) + "/pdf", "statement.pdf", accessToken, cancellationToken);

    public Task RevokeStatementAsync(string accessToken, string code, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Post, "api/v1/me/statements/" + Uri.EscapeDataString(code) + "/revoke", null, accessToken, cancellationToken);

    /// <summary>GET /api/v1/me/data: the ZIP of everything held about the person (SPEC §10, my data).</summary>
    public Task<DownloadedFile> GetMyDataAsync(string accessToken, CancellationToken cancellationToken = default) =>
        GetFileAsync("api/v1/me/data", "laobao-my-data.zip", accessToken, cancellationToken);

    public Task<IReadOnlyList<DeviceView>> GetDevicesAsync(string accessToken, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<DeviceView>>(HttpMethod.Get, "api/v1/me/devices", null, accessToken, cancellationToken);

    public Task<ActivityPage> GetActivityAsync(string accessToken, int page = 1, CancellationToken cancellationToken = default) =>
        SendAsync<ActivityPage>(
            HttpMethod.Get,
            string.Create(CultureInfo.InvariantCulture, $"api/v1/me/activity?page={page}"),
            null,
            accessToken,
            cancellationToken);

    public Task UnlinkDeviceAsync(string accessToken, Guid deviceId, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Delete, "api/v1/me/devices/" + deviceId.ToString("D"), null, accessToken, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string? accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }

        if (response.StatusCode == System.Net.HttpStatusCode.NoContent || typeof(T) == typeof(object))
        {
            return default!;
        }

        var value = await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken).ConfigureAwait(false);
        return value ?? throw new LaobaoApiException((int)response.StatusCode, ApiErrorCodes.RequestMalformed, "The answer had no body.");
    }

    private async Task<DownloadedFile> GetFileAsync(string path, string fallbackName, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var headers = response.Content.Headers;
        var name = headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName?.Trim('"') ?? fallbackName;
        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new DownloadedFile(name, headers.ContentType?.MediaType ?? "application/octet-stream", content);
    }

    private static async Task<LaobaoApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var root = document.RootElement;
            var code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return new LaobaoApiException(status, code ?? "http-" + status.ToString(CultureInfo.InvariantCulture), title);
        }
        catch (JsonException)
        {
            return new LaobaoApiException(status, "http-" + status.ToString(CultureInfo.InvariantCulture), response.ReasonPhrase);
        }
    }
}
