extern alias ops;

using System.Net;
using System.Security.Cryptography.X509Certificates;
using ops::Laobao.Ops.Pki;
using Laobao.Web.Security.Cards;

namespace Laobao.Web.Tests.Security.Cards;

/// <summary>
/// Each attack of SPEC §4.3 against the real host with real certificates: refused with its own code, never a 500.
/// </summary>
public sealed class CardSignInAttackTests(SharedSignInScenario fixture) : IClassFixture<SharedSignInScenario>
{
    private const string Id = SignInScenario.IdNumber;
    private readonly SignInScenario scenario = fixture.Scenario;

    private CardWorld World => scenario.World;

    [Fact]
    public async Task WhenCardIsGenuineThenSignInSucceedsAndDeskShowsThePerson()
    {
        using var card = World.IssueCard(Id);
        using var browser = scenario.App.NewBrowser();

        var response = await SignInScenario.SignInAsync(browser, card);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"redirect\":\"/desk\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var home = await browser.Client.GetStringAsync("/desk");
        Assert.Contains(SignInScenario.Name, home, StringComparison.Ordinal);
        Assert.Contains("A12****789", home, StringComparison.Ordinal);
        Assert.DoesNotContain(Id, home, StringComparison.Ordinal);
        Assert.Contains("行動服務帳號作業", home, StringComparison.Ordinal);
        Assert.Contains("個人查詢", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenSignedContentIsTamperedThenSignatureInvalid()
    {
        using var card = World.IssueCard(Id);
        using var browser = scenario.App.NewBrowser();
        var tbs = await SignInScenario.ChallengeTextAsync(browser);
        var tampered = CardSigner.Tamper(CardSigner.Sign(card, tbs), "origin=https://localhost", "origin=https://localhosx");

        await SignInScenario.AssertRefusedAsync(await browser.LoginAsync(Id, SignInScenario.BirthDate, tampered), CardCheckCodes.SignatureInvalid);
    }

    [Fact]
    public async Task WhenSignedByAnotherKeyThenSignatureInvalid()
    {
        using var card = World.IssueCard(Id);
        using var otherCard = World.IssueCard(Id);
        using var browser = scenario.App.NewBrowser();
        var tbs = await SignInScenario.ChallengeTextAsync(browser);

        var response = await browser.LoginAsync(Id, SignInScenario.BirthDate, CardSigner.SignWithForeignKey(card, otherCard, tbs));

        await SignInScenario.AssertRefusedAsync(response, CardCheckCodes.SignatureInvalid);
    }

    [Fact]
    public async Task WhenSignedTextNamesAnotherOriginThenContentMismatch()
    {
        using var card = World.IssueCard(Id);
        using var browser = scenario.App.NewBrowser();
        var tbs = await SignInScenario.ChallengeTextAsync(browser);
        var phishing = tbs.Replace("origin=https://localhost", "origin=https://laobao-desk.example", StringComparison.Ordinal);

        var response = await browser.LoginAsync(Id, SignInScenario.BirthDate, CardSigner.Sign(card, phishing));

        await SignInScenario.AssertRefusedAsync(response, CardCheckCodes.SignatureContentMismatch);
    }

    [Fact]
    public async Task WhenSignedTextIsForAnotherIdThenContentMismatch()
    {
        using var card = World.IssueCard(Id);
        using var browser = scenario.App.NewBrowser();
        var tbs = await SignInScenario.ChallengeTextAsync(browser);

        // The text signed is for A123456789 but the login claims B222222228.
        var response = await browser.LoginAsync("B222222228", "0600102", CardSigner.Sign(card, tbs));

        await SignInScenario.AssertRefusedAsync(response, CardCheckCodes.SignatureContentMismatch);
    }

    [Fact]
    public async Task WhenNonceIsReplayedThenChallengeUnknown()
    {
        using var card = World.IssueCard(Id);
        using var browser = scenario.App.NewBrowser();
        var tbs = await SignInScenario.ChallengeTextAsync(browser);
        var signature = CardSigner.Sign(card, tbs);
        // The first use fails late (wrong date of birth), after the nonce was spent.
        await SignInScenario.AssertRefusedAsync(await browser.LoginAsync(Id, "0600103", signature), CardCheckCodes.IdentityMismatch);

        await SignInScenario.AssertRefusedAsync(await browser.LoginAsync(Id, SignInScenario.BirthDate, signature), CardCheckCodes.ChallengeUnknown);
    }

    [Fact]
    public async Task WhenNonceWasNeverIssuedThenChallengeUnknown()
    {
        using var card = World.IssueCard(Id);
        using var browser = scenario.App.NewBrowser();
        await SignInScenario.ChallengeTextAsync(browser);
        var madeUp = Laobao.Web.Security.Challenges.ToBeSigned.CardLogin(DeskApp.Origin, Convert.ToBase64String(new byte[32]), Id);

        await SignInScenario.AssertRefusedAsync(await browser.LoginAsync(Id, SignInScenario.BirthDate, CardSigner.Sign(card, madeUp)), CardCheckCodes.ChallengeUnknown);
    }

    [Fact]
    public async Task WhenNonceBelongsToAnotherBrowserSessionThenChallengeUnknown()
    {
        using var card = World.IssueCard(Id);
        using var victim = scenario.App.NewBrowser();
        using var attacker = scenario.App.NewBrowser();
        var tbs = await SignInScenario.ChallengeTextAsync(victim);
        await attacker.OpenLoginPageAsync();

        var response = await attacker.LoginAsync(Id, SignInScenario.BirthDate, CardSigner.Sign(card, tbs));

        await SignInScenario.AssertRefusedAsync(response, CardCheckCodes.ChallengeUnknown);
        // Another browser cannot even spend the nonce: it still belongs to the session that asked for it.
        Assert.Equal(HttpStatusCode.OK, (await victim.LoginAsync(Id, SignInScenario.BirthDate, CardSigner.Sign(card, tbs))).StatusCode);
    }

    [Fact]
    public async Task WhenCertificateHasExpiredThenCertificateExpired()
    {
        var now = World.Time.GetUtcNow();
        using var card = World.IssueCard(Id, shape: r => r with { NotBefore = now.AddYears(-8), NotAfter = now.AddDays(-1) });
        using var browser = scenario.App.NewBrowser();

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card), CardCheckCodes.CertificateExpired);
    }

    [Fact]
    public async Task WhenCertificateIsNotYetValidThenCertificateNotYetValid()
    {
        var now = World.Time.GetUtcNow();
        using var card = World.IssueCard(Id, shape: r => r with { NotBefore = now.AddDays(1), NotAfter = now.AddYears(8) });
        using var browser = scenario.App.NewBrowser();

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card), CardCheckCodes.CertificateNotYetValid);
    }

    [Fact]
    public async Task WhenCardComesFromACaWithTheSameNameButAnotherKeyThenUntrusted()
    {
        await using var impostor = CardWorld.Create(World.Time);
        Assert.Equal(World.Pki.Intermediate.SubjectName.RawData, impostor.Pki.Intermediate.SubjectName.RawData);
        using var card = impostor.IssueCard(Id);
        using var browser = scenario.App.NewBrowser();

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card), CardCheckCodes.CertificateUntrusted);
    }

    [Fact]
    public async Task WhenSignatureCarriesItsOwnUnconfiguredChainThenUntrusted()
    {
        await using var impostor = CardWorld.Create(World.Time);
        using var card = impostor.IssueCard(Id);
        using var browser = scenario.App.NewBrowser();
        var tbs = await SignInScenario.ChallengeTextAsync(browser);
        // Certificates packed into the CMS must never be used to complete a chain.
        var signature = CardSigner.Sign(card, tbs, [impostor.Pki.Intermediate, impostor.Pki.Root]);

        await SignInScenario.AssertRefusedAsync(await browser.LoginAsync(Id, SignInScenario.BirthDate, signature), CardCheckCodes.CertificateUntrusted);
    }

    [Fact]
    public async Task WhenCertificateIsSelfSignedThenUntrusted()
    {
        using var key = CardWorld.NewKey();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            MoicaProfile.SubjectName("王小明", "1234567890123456"), key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(MoicaProfile.CertificatePolicies([MoicaProfile.CitizenPolicyOid]));
        request.CertificateExtensions.Add(MoicaProfile.LastFourAttribute("6789"));
        var now = World.Time.GetUtcNow();
        using var card = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        using var browser = scenario.App.NewBrowser();

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card), CardCheckCodes.CertificateUntrusted);
    }

    [Fact]
    public async Task WhenCertificateLacksDigitalSignatureUsageThenWrongUsage()
    {
        using var card = World.IssueCard(Id, shape: r => r with { KeyUsage = X509KeyUsageFlags.KeyEncipherment });
        using var browser = scenario.App.NewBrowser();

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card), CardCheckCodes.CertificateWrongUsage);
    }

    [Fact]
    public async Task WhenCertificateHasAnotherPolicyThenPolicy()
    {
        using var card = World.IssueCard(Id, shape: r => r with { Policies = ["2.16.886.101.0.3.99"] });
        using var browser = scenario.App.NewBrowser();

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card), CardCheckCodes.CertificatePolicy);
    }

    [Fact]
    public async Task WhenCertificateLastFourDifferFromTheIdThenIdentityMismatch()
    {
        using var card = World.IssueCard(Id, shape: r => r with { LastFour = "1234" });
        using var browser = scenario.App.NewBrowser();

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card), CardCheckCodes.IdentityMismatch);
    }

    [Fact]
    public async Task WhenCertificateCarriesNoLastFourThenIdentityMismatch()
    {
        using var card = World.IssueCard(Id, shape: r => r with { IncludeLastFour = false });
        using var browser = scenario.App.NewBrowser();

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card), CardCheckCodes.IdentityMismatch);
    }

    [Fact]
    public async Task WhenBirthDateDiffersFromTheRegistryThenIdentityMismatch()
    {
        using var card = World.IssueCard(Id);
        using var browser = scenario.App.NewBrowser();

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card, birthDate: "0600103"), CardCheckCodes.IdentityMismatch);
    }

    [Fact]
    public async Task WhenCardIsValidButThePersonHasNoRecordThenPersonNotFound()
    {
        const string stranger = "B222222228";
        using var card = World.IssueCard(stranger, "陳美麗");
        using var browser = scenario.App.NewBrowser();

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card, stranger, "0700505"), CardCheckCodes.PersonNotFound);
    }
}
