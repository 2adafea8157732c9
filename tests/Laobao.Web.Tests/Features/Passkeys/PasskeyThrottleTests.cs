using System.Net;
using Laobao.Tests.Passkeys;
using Laobao.Web.Features.Passkeys;
using Laobao.Web.Tests.Security;

namespace Laobao.Web.Tests.Features.Passkeys;

/// <summary>Failed passkey sign-ins are throttled per credential like the other sign-ins (SPEC §4.3, §11), and audited.</summary>
public sealed class PasskeyThrottleTests
{
    [Fact]
    public async Task WhenAPasskeyFailsTooOftenThenItIsRateLimitedEvenWithTheRightAnswer()
    {
        await using var scenario = await SignInScenario.StartAsync(settings: new Dictionary<string, string>
        {
            ["Passkeys:FailuresPerCredential"] = "2",
        });
        var browser = scenario.App.NewBrowser();
        using var card = scenario.World.IssueCard(SignInScenario.IdNumber);
        Assert.Equal(HttpStatusCode.OK, (await SignInScenario.SignInAsync(browser, card)).StatusCode);
        var owner = new PasskeySteps(browser);
        using var authenticator = new SoftwareAuthenticator();
        Assert.Equal(HttpStatusCode.OK, (await owner.RegisterAsync(authenticator)).StatusCode);
        await owner.LogOutAsync();

        var attacker = new PasskeySteps(scenario.App.NewBrowser());
        for (var i = 0; i < 2; i++)
        {
            var (ceremonyId, options) = await attacker.BeginSignInAsync();
            var wrong = authenticator.Assert(options, "https://laobao-desk.example", PasskeySteps.RpId);
            await SignInScenario.AssertRefusedAsync(await attacker.FinishSignInAsync(ceremonyId, wrong), PasskeyCodes.OriginMismatch);
        }

        var (lastId, lastOptions) = await attacker.BeginSignInAsync();
        var right = authenticator.Assert(lastOptions, DeskApp.Origin, PasskeySteps.RpId);
        await SignInScenario.AssertRefusedAsync(await attacker.FinishSignInAsync(lastId, right), PasskeyCodes.RateLimited);
    }
}
