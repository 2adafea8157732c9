using System.Net;
using Laobao.Web.Data;
using Laobao.Web.Security.Cards;

namespace Laobao.Web.Tests.Security;

/// <summary>The database-backed parts (challenges, limits, sessions, audit) on PostgreSQL, as several nodes would share it.</summary>
public sealed class PostgresSignInTests
{
    [Fact]
    public async Task SignInReplayAndRateLimitWorkOnPostgres()
    {
        await using var scenario = await SignInScenario.StartAsync(DatabaseProvider.Postgres, new Dictionary<string, string> { ["SignInLimits:PerIdNumber"] = "2" });
        using var card = scenario.World.IssueCard(SignInScenario.IdNumber);
        using var browser = scenario.App.NewBrowser();

        var tbs = await SignInScenario.ChallengeTextAsync(browser);
        var signature = CardSigner.Sign(card, tbs);
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync(SignInScenario.IdNumber, SignInScenario.BirthDate, signature)).StatusCode);
        Assert.Contains(SignInScenario.Name, await browser.Client.GetStringAsync("/desk"), StringComparison.Ordinal);

        using var attacker = scenario.App.NewBrowser();
        await SignInScenario.AssertRefusedAsync(await attacker.LoginAsync(SignInScenario.IdNumber, SignInScenario.BirthDate, signature), CardCheckCodes.ChallengeUnknown);
        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(attacker, card, birthDate: "0600103"), CardCheckCodes.IdentityMismatch);
        await SignInScenario.AssertRefusedAsync(await attacker.LoginAsync(SignInScenario.IdNumber, SignInScenario.BirthDate, signature), CardCheckCodes.RateLimited);
    }
}
