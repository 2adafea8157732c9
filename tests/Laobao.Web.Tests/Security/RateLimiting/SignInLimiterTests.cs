using System.Net;
using Laobao.Web.Security.Cards;

namespace Laobao.Web.Tests.Security.RateLimiting;

public sealed class SignInLimiterTests
{
    [Fact]
    public async Task WhenAnIdNumberHasFailedTooOftenThenEvenAGenuineCardIsRateLimitedUntilTheWindowPasses()
    {
        await using var scenario = await SignInScenario.StartAsync(settings: new Dictionary<string, string>
        {
            ["SignInLimits:PerIdNumber"] = "3",
            ["SignInLimits:Window"] = "00:15:00",
        });
        using var card = scenario.World.IssueCard(SignInScenario.IdNumber);
        using var browser = scenario.App.NewBrowser();
        for (var i = 0; i < 3; i++)
        {
            await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card, birthDate: "0600103"), CardCheckCodes.IdentityMismatch);
        }

        var limited = await browser.PostJsonAsync(Laobao.Web.Features.CardLogin.CardLoginApi.ChallengePath, "{\"idNumber\":\"A123456789\"}");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        await SignInScenario.AssertRefusedAsync(limited, CardCheckCodes.RateLimited);
        await SignInScenario.AssertRefusedAsync(
            await browser.LoginAsync(SignInScenario.IdNumber, SignInScenario.BirthDate, "AA=="), CardCheckCodes.RateLimited);

        // Another ID from the same address is not affected by this ID's failures.
        await scenario.Database.AddPersonAsync("B222222228", "陳美麗", new DateOnly(1981, 5, 5));
        using var otherCard = scenario.World.IssueCard("B222222228", "陳美麗");
        using var otherBrowser = scenario.App.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await SignInScenario.SignInAsync(otherBrowser, otherCard, "B222222228", "0700505")).StatusCode);

        scenario.World.Time.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.OK, (await SignInScenario.SignInAsync(browser, card)).StatusCode);
    }

    [Fact]
    public async Task WhenAnAddressHasFailedTooOftenThenItIsRateLimitedForEveryId()
    {
        await using var scenario = await SignInScenario.StartAsync(settings: new Dictionary<string, string>
        {
            ["SignInLimits:PerClientAddress"] = "4",
        });
        using var browser = scenario.App.NewBrowser();
        foreach (var id in new[] { "A123456789", "B222222228", "A800000014", "AC12345679" })
        {
            await SignInScenario.AssertRefusedAsync(await browser.LoginAsync(id, "0600102", "AA=="), CardCheckCodes.RequestMalformed);
        }

        await SignInScenario.AssertRefusedAsync(
            await browser.PostJsonAsync(Laobao.Web.Features.CardLogin.CardLoginApi.ChallengePath, "{\"idNumber\":\"F131104093\"}"), CardCheckCodes.RateLimited);
    }
}
