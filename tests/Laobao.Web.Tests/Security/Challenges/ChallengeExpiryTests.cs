using Laobao.Web.Security.Cards;

namespace Laobao.Web.Tests.Security.Challenges;

public sealed class ChallengeExpiryTests
{
    [Fact]
    public async Task WhenNonceIsOlderThanFiveMinutesThenChallengeExpired()
    {
        await using var scenario = await SignInScenario.StartAsync();
        using var card = scenario.World.IssueCard(SignInScenario.IdNumber);
        using var browser = scenario.App.NewBrowser();
        var tbs = await SignInScenario.ChallengeTextAsync(browser);
        var signature = CardSigner.Sign(card, tbs);

        scenario.World.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        await SignInScenario.AssertRefusedAsync(
            await browser.LoginAsync(SignInScenario.IdNumber, SignInScenario.BirthDate, signature), CardCheckCodes.ChallengeExpired);
    }
}
