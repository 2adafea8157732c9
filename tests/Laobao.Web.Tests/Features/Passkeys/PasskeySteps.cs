using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Laobao.Tests.Passkeys;
using Laobao.Web.Features.Passkeys;
using Laobao.Web.Tests.Security;

namespace Laobao.Web.Tests.Features.Passkeys;

/// <summary>
/// One browser session speaking the e-desk's passkey calls the way /js/passkeys.js does, with a software authenticator
/// standing in for the platform one. The antiforgery token is read from a page after each sign-in, as a page would have it.
/// </summary>
internal sealed partial class PasskeySteps(DeskBrowser browser)
{
    public const string RpId = "localhost";

    public DeskBrowser Browser => browser;

    private string? token;

    /// <summary>Reads the antiforgery token from a page of the current session (the login page when signed out, else the home page).</summary>
    public async Task RefreshTokenAsync(string path = "/desk")
    {
        var html = await browser.Client.GetStringAsync(path);
        token = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
        Assert.False(string.IsNullOrEmpty(token), $"{path} carries no __RequestVerificationToken");
    }

    public async Task<HttpResponseMessage> PostAsync(string path, JsonNode? body)
    {
        if (token is null)
        {
            await RefreshTokenAsync("/desk/login");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", token);
        return await browser.Client.SendAsync(request);
    }

    /// <summary>Options of a ceremony: the ceremony id and the WebAuthn options JSON.</summary>
    public async Task<(string CeremonyId, JsonNode Options)> OptionsAsync(string path)
    {
        var response = await PostAsync(path, new JsonObject());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (json["ceremonyId"]!.GetValue<string>(), json["options"]!);
    }

    /// <summary>Registers the authenticator's passkey in this (card) session; returns the answer.</summary>
    public async Task<HttpResponseMessage> RegisterAsync(SoftwareAuthenticator authenticator, string name = "test key", bool userVerified = true)
    {
        await RefreshTokenAsync();
        var (ceremonyId, options) = await OptionsAsync(PasskeysDeskApi.RegisterOptionsPath);
        Assert.Equal(RpId, options["rp"]!["id"]!.GetValue<string>());
        Assert.Equal("required", options["authenticatorSelection"]!["residentKey"]!.GetValue<string>());
        Assert.Equal("required", options["authenticatorSelection"]!["userVerification"]!.GetValue<string>());
        var credential = authenticator.Register(options, DeskApp.Origin, userVerified: userVerified);
        return await PostAsync(PasskeysDeskApi.RegisterPath, new JsonObject { ["ceremonyId"] = ceremonyId, ["name"] = name, ["credential"] = credential });
    }

    /// <summary>Starts a sign-in in this session (signed out): the ceremony id and options.</summary>
    public async Task<(string CeremonyId, JsonNode Options)> BeginSignInAsync()
    {
        await RefreshTokenAsync("/desk/login");
        var start = await OptionsAsync(PasskeysDeskApi.SignInOptionsPath);
        Assert.Equal(RpId, start.Options["rpId"]!.GetValue<string>());
        Assert.Equal("required", start.Options["userVerification"]!.GetValue<string>());
        return start;
    }

    public Task<HttpResponseMessage> FinishSignInAsync(string ceremonyId, JsonNode credential) =>
        PostAsync(PasskeysDeskApi.SignInPath, new JsonObject { ["ceremonyId"] = ceremonyId, ["credential"] = credential.DeepClone() });

    /// <summary>The whole sign-in with a well-behaved authenticator.</summary>
    public async Task<HttpResponseMessage> SignInAsync(SoftwareAuthenticator authenticator)
    {
        var (ceremonyId, options) = await BeginSignInAsync();
        return await FinishSignInAsync(ceremonyId, authenticator.Assert(options, DeskApp.Origin, RpId));
    }

    public async Task LogOutAsync()
    {
        await RefreshTokenAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token! });
        var response = await browser.Client.PostAsync("/desk/logout", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        token = null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
