using Laobao.Web.Data;
using Laobao.Web.Security.Cards;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Tests.Security.Cards;

/// <summary>Trust is configuration: wrong settings stop the host, and the shipped defaults trust only the real MOICA.</summary>
public sealed class CardTrustConfigurationTests
{
    [Fact]
    public async Task WhenATrustFileIsMissingThenTheHostDoesNotStartAndNamesIt()
    {
        await using var world = CardWorld.Create();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new DeskApp(world, database, new Dictionary<string, string> { ["CardTrust:Roots:0"] = "/nonexistent/trust/root.pem" });

        var error = Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Assert.Contains("/nonexistent/trust/root.pem", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://desk.example.tw")]
    [InlineData("https://desk.example.tw/desk")]
    [InlineData("desk.example.tw")]
    public async Task WhenTheDeskOriginIsNotABareHttpsOriginThenTheHostDoesNotStart(string origin)
    {
        await using var world = CardWorld.Create();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new DeskApp(world, database, new Dictionary<string, string> { ["Desk:Origin"] = origin });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("Desk:Origin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShippedConfigurationTrustsTheRealMoicaAndRefusesDemoCards()
    {
        await using var world = CardWorld.Create();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await database.AddPersonAsync(SignInScenario.IdNumber, SignInScenario.Name, SignInScenario.Birthday);
        await using var app = new ShippedTrustApp(database);
        using var card = world.IssueCard(SignInScenario.IdNumber);
        using var browser = new DeskBrowser(app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(DeskApp.Origin), HandleCookies = true, AllowAutoRedirect = false }));

        var anchors = app.Services.GetService(typeof(CardTrustAnchors)) as CardTrustAnchors;
        Assert.NotNull(anchors);
        Assert.Equal("57DF6F20E04C588E85F35BE8832F5D4E78958336AE3B18FB7C9BAE0DFEAD4044", Assert.Single(anchors.Roots).GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
        Assert.Equal("ED793FD0D50A2A398049D598982CF01E75F873B532066CAEC238F800A06CA9DA", Assert.Single(anchors.Intermediates).GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
        Assert.Equal(["2.16.886.101.0.3.3"], anchors.Policies);
        Assert.True(anchors.FailClosed);

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(browser, card), CardCheckCodes.CertificateUntrusted);
    }

    /// <summary>The host with appsettings.json's own CardTrust section, untouched.</summary>
    private sealed class ShippedTrustApp(TestDatabase database) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", database.Settings.Provider.ToString());
            builder.UseSetting("ConnectionStrings:Laobao", database.Settings.ConnectionString);
            builder.UseSetting("Desk:Origin", DeskApp.Origin);
            builder.UseSetting("Mail:LocalMailbox", "true");
            // Production needs the certificate that encrypts the Data Protection keys at rest.
            var folder = Path.GetDirectoryName(database.Settings.ConnectionString["Data Source=".Length..])!;
            builder.UseSetting("DataProtection:CertificatePath", Sessions.DataProtectionCertificate.WritePfx(folder, "pw"));
            builder.UseSetting("DataProtection:CertificatePassword", "pw");
        }
    }
}
