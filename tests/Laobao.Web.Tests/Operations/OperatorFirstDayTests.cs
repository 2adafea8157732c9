using System.Net;
using Laobao.Web.Data;
using Laobao.Web.Operations;
using Laobao.Web.Tests.Security;

namespace Laobao.Web.Tests.Operations;

/// <summary>
/// The web host as a new operator starts it: the built binaries run as their own process in Production, from a
/// working directory of their own, on a real PostgreSQL store.
/// </summary>
public sealed class OperatorFirstDayTests
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task WhenStartedFromAnotherWorkingDirectoryThenItReadsItsSettingsFromBesideTheBinariesAndKeepsApiDocsOff()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var node = WebNodeProcess.Start(WebNodeProcess.ProductionSettings(database.Settings.ConnectionString));

        // Ready means the trust anchors of appsettings.json beside the binaries (config/trust/GRCA-G3.cer) were loaded:
        // with the working directory's (absent) settings the host would have had no card root at all.
        await node.WaitForAsync("/healthz/ready", StartPatience);
        using var client = new HttpClient { BaseAddress = node.BaseAddress };
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
        Assert.DoesNotContain("is not a published government root", node.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(node.WorkingDirectory, "data")), "the node created ./data in its working directory");

        // The interactive API page and the OpenAPI document are off by default in Production.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/docs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task WhenProductionHasNoDatabaseProviderThenItRefusesToStartWithOneLineAndExitCode2()
    {
        var settings = WebNodeProcess.ProductionSettings("unused");
        settings.Remove("Database__Provider");
        settings.Remove("ConnectionStrings__Laobao");
        await using var node = WebNodeProcess.Start(settings);

        Assert.Equal(LaobaoHost.SettingsExitCode, await node.WaitForExitAsync(StartPatience));
        var lines = node.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("Database:Provider is not set", lines[0], StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(node.WorkingDirectory, "data")), "the node created a SQLite store");
    }

    [Fact]
    public async Task WhenProductionHasAProviderButNoConnectionStringThenItRefusesToStartNamingTheSetting()
    {
        var settings = WebNodeProcess.ProductionSettings("unused");
        settings.Remove("ConnectionStrings__Laobao");
        await using var node = WebNodeProcess.Start(settings);

        Assert.Equal(LaobaoHost.SettingsExitCode, await node.WaitForExitAsync(StartPatience));
        Assert.Contains("ConnectionStrings:Laobao is not set", Assert.Single(node.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenProductionHasNoDataProtectionCertificateThenItRefusesToStartNamingTheSetting()
    {
        // The Data Protection keys are stored encrypted with the operator's certificate; without one Production does not start.
        var settings = WebNodeProcess.ProductionSettings("Host=127.0.0.1;Database=never_reached");
        settings.Remove("DataProtection__CertificatePath");
        await using var node = WebNodeProcess.Start(settings);

        Assert.Equal(LaobaoHost.SettingsExitCode, await node.WaitForExitAsync(StartPatience));
        var line = Assert.Single(node.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("DataProtection:CertificatePath is not set", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenProductionTrustsTheDevelopmentRootThenItRefusesToStartUnlessExplicitlyAllowedAndThenWarns()
    {
        await using var world = CardWorld.Create();
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var settings = WebNodeProcess.ProductionSettings(database.Settings.ConnectionString);
        settings["CardTrust__Roots__0"] = world.RootFile;
        settings["CardTrust__Intermediates__0"] = world.IntermediateFile;

        await using (var refused = WebNodeProcess.Start(settings))
        {
            Assert.Equal(LaobaoHost.SettingsExitCode, await refused.WaitForExitAsync(StartPatience));
            var line = Assert.Single(refused.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("development root", line, StringComparison.Ordinal);
            Assert.Contains(TrustAnchorProvenance.AllowDevelopmentRootsKey, line, StringComparison.Ordinal);
        }

        settings["CardTrust__AllowDevelopmentRoots"] = "true";
        await using var allowed = WebNodeProcess.Start(settings);
        await allowed.WaitForAsync("/healthz/ready", StartPatience);
        Assert.Contains("is not a published government root", allowed.Output, StringComparison.Ordinal);
    }
}
