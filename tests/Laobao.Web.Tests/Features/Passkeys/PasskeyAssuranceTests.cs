using System.Net;
using System.Text.Json.Nodes;
using Laobao.Web.Features.CardLogin;
using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Features.Passkeys;
using Laobao.Web.Security.Audit;
using Laobao.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Tests.Features.Passkeys;

/// <summary>
/// Tiered assurance (SPEC §11): a passkey session reads, and every card-only call or page is refused with
/// <c>assurance.card-required</c> (a JSON call) or sent to the card sign-in with the reason and the way back (a page).
/// </summary>
public sealed class PasskeyAssuranceTests(PasskeyWorld world) : IClassFixture<PasskeyWorld>
{
    public static TheoryData<string> CardOnlyCalls() =>
    [
        MobileAccountApi.PasswordCheckPath,
        MobileAccountApi.ApplicationChallengePath,
        MobileAccountApi.ApplicationPath,
        MobileAccountApi.ChangeChallengePath,
        MobileAccountApi.ChangePath,
        DeviceLinkingDeskApi.TicketPath,
        DeviceLinkingDeskApi.ConfirmPath,
        PasskeysDeskApi.RegisterOptionsPath,
        PasskeysDeskApi.RegisterPath,
    ];

    [Theory]
    [MemberData(nameof(CardOnlyCalls))]
    public async Task WhenAPasskeySessionCallsACardOnlyEndpointThenItIsRefusedWithCardRequired(string path)
    {
        var steps = await PasskeySessionAsync();
        await steps.RefreshTokenAsync();

        var response = await steps.PostAsync(path, new JsonObject { ["action"] = "change-password", ["email"] = "x@example.tw" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(PasskeyCodes.CardRequired, await DeskBrowser.ProblemCodeAsync(response));
    }

    [Fact]
    public async Task WhenAPasskeySessionAsksForPendingPhoneLinksThenItIsRefusedWithCardRequired()
    {
        var steps = await PasskeySessionAsync();
        var response = await steps.Browser.Client.GetAsync(DeviceLinkingDeskApi.PendingPath);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(PasskeyCodes.CardRequired, await DeskBrowser.ProblemCodeAsync(response));
    }

    [Theory]
    [InlineData("/desk/accounts/terms")]
    [InlineData("/desk/accounts/apply")]
    [InlineData("/desk/accounts/activate")]
    [InlineData("/desk/accounts/password")]
    [InlineData("/desk/accounts/email")]
    [InlineData("/desk/accounts/email/confirm")]
    [InlineData("/desk/accounts/close")]
    [InlineData("/desk/devices")]
    [InlineData("/desk/passkeys/add")]
    public async Task WhenAPasskeySessionOpensACardOnlyPageThenItIsSentToTheCardWithTheWayBack(string path)
    {
        var steps = await PasskeySessionAsync();

        var response = await steps.Browser.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal($"/desk/login?reason=card-required&returnUrl={Uri.EscapeDataString(path)}", location);
        var login = await steps.Browser.Client.GetStringAsync(location);
        Assert.Contains("id=\"card-required\"", login, StringComparison.Ordinal);
        Assert.Contains($"data-return-url=\"{path}\"", login, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/desk")]
    [InlineData("/desk/inquiry")]
    [InlineData("/desk/inquiry/coverage")]
    [InlineData("/desk/inquiry/pension")]
    [InlineData("/desk/inquiry/estimates")]
    [InlineData("/desk/inquiry/statements")]
    [InlineData("/desk/inquiry/my-data")]
    [InlineData("/desk/accounts")]
    public async Task WhenAPasskeySessionReadsThenThePageOpens(string path)
    {
        var steps = await PasskeySessionAsync();
        var response = await steps.Browser.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WhenACardSessionAddsThenRemovesAPasskeyItIsListedAuditedAndNoLongerSignsIn()
    {
        var card = await world.CardSessionAsync();
        using var authenticator = new Laobao.Tests.Passkeys.SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.OK, (await card.RegisterAsync(authenticator, "kitchen tablet")).StatusCode);
        var accounts = await card.Browser.Client.GetStringAsync("/desk/accounts?lang=en");
        Assert.Contains("kitchen tablet", accounts, StringComparison.Ordinal);
        Assert.Contains("Not used yet", accounts, StringComparison.Ordinal);

        Guid id;
        await using (var db = world.Scenario.Database.Context())
        {
            id = await db.Set<PasskeyCredential>().Where(p => p.Name == "kitchen tablet").Select(p => p.Id).SingleAsync();
        }

        var token = await TokenOfAsync(card, "/desk/accounts");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = id.ToString(), ["__RequestVerificationToken"] = token });
        var removed = await card.Browser.Client.PostAsync(PasskeysDeskApi.RemovePath, form);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal("/desk/accounts?done=passkey-removed", removed.Headers.Location!.OriginalString);
        await card.LogOutAsync();

        await SignInScenario.AssertRefusedAsync(await world.NewBrowser().SignInAsync(authenticator), PasskeyCodes.Unknown);
        await using var check = world.Scenario.Database.Context();
        var actions = await check.Set<AuditRecord>().Where(r => r.SubjectIdNumber == SignInScenario.IdNumber)
            .Select(r => r.Action + ":" + r.Outcome).ToListAsync();
        Assert.Contains("passkey-register:ok", actions);
        Assert.Contains("passkey-remove:ok", actions);
    }

    private async Task<PasskeySteps> PasskeySessionAsync()
    {
        using var authenticator = await world.RegisteredAsync();
        var steps = world.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await steps.SignInAsync(authenticator)).StatusCode);
        return steps;
    }

    private static async Task<string> TokenOfAsync(PasskeySteps steps, string path)
    {
        var html = await steps.Browser.Client.GetStringAsync(path);
        var match = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(match.Success, $"{path} carries no token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}
