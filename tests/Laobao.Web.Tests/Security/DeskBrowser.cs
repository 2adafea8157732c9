using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Laobao.Web.Features.CardLogin;

namespace Laobao.Web.Tests.Security;

/// <summary>One browser session against the e-desk: its own cookies and antiforgery token, speaking the §4.5 endpoints.</summary>
internal sealed partial class DeskBrowser(HttpClient client) : IDisposable
{
    private string? token;

    public HttpClient Client => client;

    /// <summary>Opens /desk/login as the page would and keeps its antiforgery token.</summary>
    public async Task OpenLoginPageAsync()
    {
        var html = await client.GetStringAsync("/desk/login");
        token = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
        Assert.False(string.IsNullOrEmpty(token), "the login page carries no __RequestVerificationToken");
    }

    public async Task<ChallengeResponse> ChallengeAsync(string idNumber)
    {
        var response = await PostJsonAsync(CardLoginApi.ChallengePath, JsonSerializer.Serialize(new { idNumber }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ChallengeResponse>())!;
    }

    public Task<HttpResponseMessage> LoginAsync(string idNumber, string birthDate, string signature) =>
        PostJsonAsync(CardLoginApi.LoginPath, JsonSerializer.Serialize(new { idNumber, birthDate, signature }));

    public async Task<HttpResponseMessage> PostJsonAsync(string path, string body, bool withToken = true, string contentType = "application/json")
    {
        if (withToken && token is null)
        {
            await OpenLoginPageAsync();
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (withToken)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        return await client.SendAsync(request);
    }

    /// <summary>The problem document's <c>code</c>, after checking it is one.</summary>
    public static async Task<string> ProblemCodeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("code").GetString()!;
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
