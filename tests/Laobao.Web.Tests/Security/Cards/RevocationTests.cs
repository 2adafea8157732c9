extern alias ops;

using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ops::Laobao.Ops.Pki;
using Laobao.Web.Security.Cards;

namespace Laobao.Web.Tests.Security.Cards;

/// <summary>
/// Revocation through real CRLs served on loopback. Each test has its own PKI and CRL address, because a CRL,
/// once fetched, is cached until its next update exactly as a relying party should.
/// </summary>
public sealed class RevocationTests
{
    private const string Id = SignInScenario.IdNumber;

    [Fact]
    public async Task WhenCertificateIsRevokedThenRevoked()
    {
        await using var scenario = await SignInScenario.StartAsync();
        using var card = scenario.World.IssueCard(Id);
        scenario.World.Revoke(card);
        using var browser = scenario.App.NewBrowser();

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card), CardCheckCodes.CertificateRevoked);
        Assert.True(scenario.World.Crls.Requests > 0, "the CRL was never fetched from its distribution point");
    }

    [Fact]
    public async Task WhenTheIntermediateIsRevokedInTheRootsCrlThenRevoked()
    {
        await using var scenario = await SignInScenario.StartAsync();
        var now = scenario.World.Time.GetUtcNow();
        var builder = new CertificateRevocationListBuilder();
        builder.AddEntry(scenario.World.Pki.Intermediate, now.AddHours(-1), X509RevocationReason.CACompromise);
        scenario.World.Crls.Publish(
            DevelopmentPkiSettings.RootCrlFileName,
            builder.Build(scenario.World.Pki.Root, BigInteger.One, now.AddDays(1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, now.AddMinutes(-5)));
        using var card = scenario.World.IssueCard(Id);
        using var browser = scenario.App.NewBrowser();

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card), CardCheckCodes.CertificateRevoked);
    }

    [Fact]
    public async Task WhenCrlIsStaleAndFailClosedThenRevocationUnknown()
    {
        await using var scenario = await SignInScenario.StartAsync();
        var now = scenario.World.Time.GetUtcNow();
        scenario.World.PublishCrls(now.AddDays(-3), now.AddDays(-1));
        using var card = scenario.World.IssueCard(Id);
        using var browser = scenario.App.NewBrowser();

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card), CardCheckCodes.CertificateRevocationUnknown);
    }

    [Fact]
    public async Task WhenCrlIsSignedByAnotherKeyUnderTheCasNameThenRevocationUnknown()
    {
        await using var scenario = await SignInScenario.StartAsync();
        await using var impostor = CardWorld.Create(scenario.World.Time);
        var now = scenario.World.Time.GetUtcNow();
        // A CRL that lists nothing, under the demo MOICA's name, signed by the impostor's key.
        scenario.World.Crls.Publish(DevelopmentPkiSettings.MoicaCrlFileName, impostor.Pki.CreateMoicaCrl(now.AddMinutes(-5), now.AddDays(1)));
        using var card = scenario.World.IssueCard(Id);
        using var browser = scenario.App.NewBrowser();

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card), CardCheckCodes.CertificateRevocationUnknown);
        Assert.True(scenario.World.Crls.Requests > 0, "the CRL was never fetched from its distribution point");
    }

    [Fact]
    public async Task WhenCrlIsUnreachableAndFailClosedThenRevocationUnknown()
    {
        await using var scenario = await SignInScenario.StartAsync();
        scenario.World.Crls.Withdraw(DevelopmentPkiSettings.MoicaCrlFileName);
        using var card = scenario.World.IssueCard(Id);
        using var browser = scenario.App.NewBrowser();

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card), CardCheckCodes.CertificateRevocationUnknown);
    }

    [Fact]
    public async Task WhenCrlIsUnreachableAndFailOpenIsConfiguredThenSignInSucceeds()
    {
        await using var scenario = await SignInScenario.StartAsync(settings: new Dictionary<string, string> { ["CardTrust:FailClosed"] = "false" });
        scenario.World.Crls.Withdraw(DevelopmentPkiSettings.MoicaCrlFileName);
        using var card = scenario.World.IssueCard(Id);
        using var browser = scenario.App.NewBrowser();

        Assert.Equal(HttpStatusCode.OK, (await SignInScenario.SignInAsync(browser, card)).StatusCode);
    }
}
