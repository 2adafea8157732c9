using System.Net;
using System.Text.Json;
using Laobao.Web.Features.CardLogin;
using Laobao.Web.Security.Cards;
using Laobao.Web.Tests.Security;

namespace Laobao.Web.Tests.Features.CardLogin;

/// <summary>Bad input to the sign-in endpoints: one clear problem document with <c>request.malformed</c>, never a 500.</summary>
public sealed class CardLoginEndpointTests(SharedSignInScenario fixture) : IClassFixture<SharedSignInScenario>
{
    private readonly SignInScenario scenario = fixture.Scenario;

    public static TheoryData<string> MalformedLoginBodies => new()
    {
        "",
        "{",
        "[]",
        "null",
        "{\"idNumber\":5,\"birthDate\":\"0600102\",\"signature\":\"AA==\"}",
        "{\"idNumber\":\"A123456780\",\"birthDate\":\"0600102\",\"signature\":\"AA==\"}",
        "{\"idNumber\":\"A123456789\",\"birthDate\":\"1120229\",\"signature\":\"AA==\"}",
        "{\"idNumber\":\"A123456789\",\"birthDate\":\"600102\",\"signature\":\"AA==\"}",
        "{\"idNumber\":\"A123456789\",\"birthDate\":\"0600102\"}",
        "{\"idNumber\":\"A123456789\",\"birthDate\":\"0600102\",\"signature\":\"not base64 at all!\"}",
        "{\"idNumber\":\"A123456789\",\"birthDate\":\"0600102\",\"signature\":\"SGVsbG8sIHdvcmxkIQ==\"}",
        "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":{}}}}}}}}}}",
    };

    [Theory]
    [MemberData(nameof(MalformedLoginBodies))]
    public async Task WhenLoginBodyIsMalformedThenRequestMalformed(string body)
    {
        using var browser = scenario.App.NewBrowser();
        await SignInScenario.AssertRefusedAsync(await browser.PostJsonAsync(CardLoginApi.LoginPath, body), CardCheckCodes.RequestMalformed);
    }

    [Fact]
    public async Task WhenLoginBodyIsOversizeThenRequestMalformed()
    {
        using var browser = scenario.App.NewBrowser();
        var body = JsonSerializer.Serialize(new { idNumber = "A123456789", birthDate = "0600102", signature = new string('A', 200_000) });

        var response = await browser.PostJsonAsync(CardLoginApi.LoginPath, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await SignInScenario.AssertRefusedAsync(response, CardCheckCodes.RequestMalformed);
    }

    [Fact]
    public async Task WhenBodyIsNotJsonThenRequestMalformed()
    {
        using var browser = scenario.App.NewBrowser();
        var response = await browser.PostJsonAsync(CardLoginApi.LoginPath, "idNumber=A123456789", contentType: "application/x-www-form-urlencoded");
        await SignInScenario.AssertRefusedAsync(response, CardCheckCodes.RequestMalformed);
    }

    [Fact]
    public async Task WhenAntiforgeryTokenIsMissingThenBothEndpointsRefuse()
    {
        using var browser = scenario.App.NewBrowser();
        await browser.OpenLoginPageAsync();
        var challenge = await browser.PostJsonAsync(CardLoginApi.ChallengePath, "{\"idNumber\":\"A123456789\"}", withToken: false);
        var login = await browser.PostJsonAsync(CardLoginApi.LoginPath, "{\"idNumber\":\"A123456789\",\"birthDate\":\"0600102\",\"signature\":\"AA==\"}", withToken: false);

        await SignInScenario.AssertRefusedAsync(challenge, CardCheckCodes.RequestMalformed);
        await SignInScenario.AssertRefusedAsync(login, CardCheckCodes.RequestMalformed);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"idNumber\":\"\"}")]
    [InlineData("{\"idNumber\":\"Z999\"}")]
    [InlineData("{\"idNumber\":\"A123456788\"}")]
    [InlineData("not json")]
    public async Task WhenChallengeBodyIsMalformedThenRequestMalformed(string body)
    {
        using var browser = scenario.App.NewBrowser();
        await SignInScenario.AssertRefusedAsync(await browser.PostJsonAsync(CardLoginApi.ChallengePath, body), CardCheckCodes.RequestMalformed);
    }

    [Fact]
    public async Task ChallengeNormalisesTheIdAndIsBoundToTheBrowserWithAHostCookie()
    {
        using var browser = scenario.App.NewBrowser();
        await browser.OpenLoginPageAsync();
        // Full-width, lower case and spaces are normalised as SPEC §1 says.
        var response = await browser.PostJsonAsync(CardLoginApi.ChallengePath, "{\"idNumber\":\" ａ123456789 \"}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var nonce = json.RootElement.GetProperty("nonce").GetString()!;
        Assert.Equal(32, Convert.FromBase64String(nonce).Length);
        Assert.Equal($"laobao:card-login:v1\norigin=https://localhost\nnonce={nonce}\nid=A123456789", json.RootElement.GetProperty("tbs").GetString());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-laobao-bind=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task LoginPageCarriesTheLabelsTheTokenAndNoInlineScript()
    {
        using var browser = scenario.App.NewBrowser();
        var zh = await browser.Client.GetStringAsync("/desk/login");
        var en = await browser.Client.GetStringAsync("/desk/login?lang=en");

        foreach (var label in new[] { ">登入<", "憑證密碼 (PIN)", "身分證號 / 居留證號", "出生日期 (民國年 YYYMMDD)" })
        {
            Assert.Contains(label, zh, StringComparison.Ordinal);
        }

        foreach (var label in new[] { ">Log in<", "Card PIN", "ID / ARC number", "Date of birth (ROC, YYYMMDD)" })
        {
            Assert.Contains(label, en, StringComparison.Ordinal);
        }

        Assert.Contains("name=\"__RequestVerificationToken\"", zh, StringComparison.Ordinal);
        Assert.Contains("data-bridge-origin=\"http://127.0.0.1:61161\"", zh, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/js/card-login.js", zh, StringComparison.Ordinal);
        // Only the external script and the JSON data block (never executed) may appear.
        var scripts = System.Text.RegularExpressions.Regex.Matches(zh, "<script([^>]*)>");
        Assert.All(scripts, m => Assert.True(
            m.Groups[1].Value.Contains("src=", StringComparison.Ordinal) || m.Groups[1].Value.Contains("type=\"application/json\"", StringComparison.Ordinal),
            m.Value));
        // The PIN field has no name: without script, a post can never carry the PIN to the server.
        Assert.DoesNotMatch("id=\"pin\"[^>]*name=", zh);
        // Every code of SPEC §4.3 has its sentence in the page's language.
        Assert.Contains("\"error.certificate.expired\"", zh, StringComparison.Ordinal);
        Assert.Contains("展期", System.Text.RegularExpressions.Regex.Unescape(zh), StringComparison.Ordinal);
    }
}
