using System.Net;
using Laobao.Tests.Passkeys;
using Laobao.Web.Tests.Security;

namespace Laobao.Web.Tests.Features.Passkeys;

/// <summary>
/// The e-desk with two insured people (A and B), their cards from the development PKI, and limits high enough that the
/// attack tests, which fail on purpose, never trip them. Shared by the tests of a class.
/// </summary>
public sealed class PasskeyWorld : IAsyncLifetime
{
    public const string PersonB = "B222222228";
    public const string PersonBName = "李美華";
    public const string PersonBBirthDate = "0700315";

    private SignInScenario? scenario;

    internal SignInScenario Scenario => scenario ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        scenario = await SignInScenario.StartAsync(settings: new Dictionary<string, string>
        {
            ["SignInLimits:PerIdNumber"] = "100000",
            ["SignInLimits:PerClientAddress"] = "100000",
            ["Passkeys:FailuresPerAddress"] = "100000",
            ["Passkeys:FailuresPerCredential"] = "100000",
            // Every test of a class registers passkeys for the same two people.
            ["Passkeys:MaxPerPerson"] = "100",
        });
        await scenario.Database.AddPersonAsync(PersonB, PersonBName, new DateOnly(1981, 3, 15));
    }

    /// <summary>A new browser signed in with the card of A (default) or B.</summary>
    internal async Task<PasskeySteps> CardSessionAsync(bool personB = false)
    {
        var browser = scenario!.App.NewBrowser();
        using var card = personB ? scenario.World.IssueCard(PersonB, PersonBName) : scenario.World.IssueCard(SignInScenario.IdNumber);
        var response = personB
            ? await SignInScenario.SignInAsync(browser, card, PersonB, PersonBBirthDate)
            : await SignInScenario.SignInAsync(browser, card);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new PasskeySteps(browser);
    }

    /// <summary>A fresh authenticator with a passkey registered for A (or B) in a card session, and that session signed out.</summary>
    internal async Task<SoftwareAuthenticator> RegisteredAsync(bool personB = false)
    {
        var steps = await CardSessionAsync(personB);
        var authenticator = new SoftwareAuthenticator();
        var response = await steps.RegisterAsync(authenticator);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await steps.LogOutAsync();
        steps.Browser.Dispose();
        return authenticator;
    }

    internal PasskeySteps NewBrowser() => new(scenario!.App.NewBrowser());

    public async Task DisposeAsync()
    {
        if (scenario is not null)
        {
            await scenario.DisposeAsync();
        }
    }
}
