using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Laobao.Domain.Dates;

namespace Laobao.Web.Tests.Features.MobileAccount.Support;

/// <summary>
/// What the e-desk's pages and scripts do, done over HTTP: read the antiforgery token from a page, post JSON with
/// it in the header, and have the card sign the server's text as the bridge does (CMS, SHA-256, content attached).
/// </summary>
public sealed partial class DeskBrowser(HttpClient client) : IDisposable
{
    public HttpClient Client => client;

    public async Task<string> TokenFromAsync(string path)
    {
        var html = await client.GetStringAsync(path);
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"{path} carries no antiforgery token:\n{html}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public async Task<HttpResponseMessage> PostJsonAsync(string path, object body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, IDictionary<string, string> fields, string token)
    {
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        using var content = new FormUrlEncodedContent(all);
        return await client.PostAsync(path, content);
    }

    public static string Sign(CardHolder holder, string tbs)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var cms = new SignedCms(new ContentInfo(Encoding.UTF8.GetBytes(tbs)), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, holder.Card)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        cms.ComputeSignature(signer);
        return Convert.ToBase64String(cms.Encode());
    }

    /// <summary>The login page's flow: challenge, card signature, session cookie.</summary>
    public async Task SignInAsync(CardHolder holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var token = await TokenFromAsync("/desk/login");
        var challenge = await PostJsonAsync("/desk/api/card-login/challenge", new { idNumber = holder.IdNumber }, token);
        Assert.Equal(HttpStatusCode.OK, challenge.StatusCode);
        var tbs = (await challenge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tbs").GetString()!;
        var login = await PostJsonAsync("/desk/api/card-login",
            new { idNumber = holder.IdNumber, birthDate = RocDate.ToCompact(holder.BirthDate), signature = Sign(holder, tbs) }, token);
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"card sign-in failed: {await login.Content.ReadAsStringAsync()}");
    }

    public static async Task<string?> CodeOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
