using System.Net;
using System.Security.Cryptography.X509Certificates;
using Laobao.Web.Data;
using Laobao.Web.Security.Challenges;

namespace Laobao.Web.Tests.Security;

/// <summary>A development PKI, a database with one insured person, and the e-desk trusting that PKI.</summary>
internal sealed class SignInScenario : IAsyncDisposable
{
    public const string IdNumber = "A123456789";
    public const string Name = "王小明";
    public const string BirthDate = "0600102";
    public static readonly DateOnly Birthday = new(1971, 1, 2);

    private SignInScenario(CardWorld world, TestDatabase database, DeskApp app)
    {
        World = world;
        Database = database;
        App = app;
    }

    public CardWorld World { get; }

    public TestDatabase Database { get; }

    public DeskApp App { get; }

    public static async Task<SignInScenario> StartAsync(DatabaseProvider store = DatabaseProvider.Sqlite, IReadOnlyDictionary<string, string>? settings = null)
    {
        var world = CardWorld.Create();
        var database = await TestDatabase.CreateAsync(store);
        await database.AddPersonAsync(IdNumber, Name, Birthday);
        return new SignInScenario(world, database, new DeskApp(world, database, settings));
    }

    /// <summary>Asks for a challenge and checks it is the exact §4.2 text for this origin and ID.</summary>
    public static async Task<string> ChallengeTextAsync(DeskBrowser browser, string idNumber = IdNumber)
    {
        var challenge = await browser.ChallengeAsync(idNumber);
        Assert.Equal(ToBeSigned.CardLogin(DeskApp.Origin, challenge.Nonce, idNumber), challenge.Tbs);
        return challenge.Tbs;
    }

    /// <summary>The whole page flow with a card: challenge, sign, log in.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(DeskBrowser browser, X509Certificate2 card, string idNumber = IdNumber, string birthDate = BirthDate)
    {
        var tbs = await ChallengeTextAsync(browser, idNumber);
        return await browser.LoginAsync(idNumber, birthDate, CardSigner.Sign(card, tbs));
    }

    public static async Task AssertRefusedAsync(HttpResponseMessage response, string code)
    {
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(code, await DeskBrowser.ProblemCodeAsync(response));
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
        await World.DisposeAsync();
    }
}

/// <summary>One scenario shared by the tests of a class that do not move the clock or exhaust a limit.</summary>
public sealed class SharedSignInScenario : IAsyncLifetime
{
    private SignInScenario? scenario;

    internal SignInScenario Scenario => scenario ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() =>
        // Limits high enough that the attack tests, which all fail on purpose, never trip them.
        scenario = await SignInScenario.StartAsync(settings: new Dictionary<string, string>
        {
            ["SignInLimits:PerIdNumber"] = "100000",
            ["SignInLimits:PerClientAddress"] = "100000",
        });

    public async Task DisposeAsync()
    {
        if (scenario is not null)
        {
            await scenario.DisposeAsync();
        }
    }
}
