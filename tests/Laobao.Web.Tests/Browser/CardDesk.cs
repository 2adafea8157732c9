extern alias bridge;
extern alias ops;

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using bridge::Laobao.CardBridge;
using Laobao.Web.Tests.Mail;
using Laobao.Tests.Browser;
using Laobao.Web.Tests.App;
using Laobao.Web.Tests.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using ops::Laobao.Ops.Pki;

namespace Laobao.Web.Tests.Browser;

/// <summary>
/// Everything a person's sign-in touches, for real: a SoftHSM2 token holding a card minted by the development
/// PKI, the Laobao card bridge on 127.0.0.1 signing through PKCS#11, the e-desk on a real Kestrel, and Chromium.
/// </summary>
public sealed class CardDesk : IAsyncLifetime
{
    public const string SoftHsmModule = "/usr/lib/softhsm/libsofthsm2.so";
    public const string ChromiumPath = "/usr/bin/chromium";
    // MOICA PINs are 6 to 8 letters and digits: the desk's card has one with letters, as many real cards do.
    public const string Pin = "ab12cd34";

    private string? softHsmFolder;
    private WebApplication? bridge;
    private IPlaywright? playwright;
    private SignInScenario? scenario;

    public string DeskOrigin { get; private set; } = "";

    /// <summary>A loopback address where nothing listens: the bridge "not running".</summary>
    public string DeadBridgeOrigin { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The real SMTP server on 127.0.0.1 the e-desk at <see cref="DeskOrigin"/> sends its mail to.</summary>
    public SmtpCaptureServer Smtp { get; private set; } = null!;
    /// <summary>For tests that launch browsers of their own (a phone with a fake camera).</summary>
    public IPlaywright Playwright => playwright!;

    /// <summary>The e-desk, API and phone app with the hand-made persons and their accounts, on the same card and bridge.</summary>
    public AppDesk AppDesk => appDesk!;

    private AppDesk? appDesk;

    private AppDesk? passkeyDesk;

    /// <summary>The same as <see cref="AppDesk"/> at http://localhost:PORT: WebAuthn needs a domain, not an IP address, as relying party id.</summary>
    public AppDesk PasskeyDesk => passkeyDesk!;

    internal SignInScenario Scenario => scenario!;

    private DeskApp? deadBridgeDesk;

    public string DeadBridgeDeskOrigin { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium is needed for the browser tests ({ChromiumPath}): apt-get install -y chromium fonts-noto-cjk");
        Assert.True(File.Exists(SoftHsmModule), $"SoftHSM2 is needed for the browser tests ({SoftHsmModule}): apt-get install -y softhsm2");

        var label = InitSoftHsmToken();
        var deskPort = FreePort();
        DeskOrigin = $"http://127.0.0.1:{deskPort}";
        var appDeskPort = FreePort();
        var passkeyDeskPort = FreePort();
        bridge = CardBridgeApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CardBridge:Url"] = "http://127.0.0.1:0",
                ["CardBridge:Pkcs11Module"] = SoftHsmModule,
                ["CardBridge:AllowedOrigins:0"] = DeskOrigin,
                ["CardBridge:AllowedOrigins:1"] = $"http://127.0.0.1:{appDeskPort}",
                ["CardBridge:AllowedOrigins:2"] = $"http://localhost:{passkeyDeskPort}",
            });
            builder.Logging.ClearProviders();
        });
        await bridge.StartAsync();
        var bridgeOrigin = bridge.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        Smtp = await SmtpCaptureServer.StartNewAsync();
        scenario = await SignInScenario.StartAsync(settings: new Dictionary<string, string>
        {
            ["Desk:Origin"] = DeskOrigin,
            ["Desk:CardBridgeOrigin"] = bridgeOrigin,
            ["Mail:LocalMailbox"] = "false",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:Smtp:Timeout"] = "00:00:05",
            ["Mail:From"] = "no-reply@laobao.test",
        });
        using (var card = scenario.World.IssueCard(SignInScenario.IdNumber))
        {
            CardTokenWriter.Write(new TokenTarget(SoftHsmModule, label, Pin), card, scenario.World.Pki.Intermediate);
        }

        scenario.App.UseKestrel(options => options.Listen(IPAddress.Loopback, deskPort));
        scenario.App.StartServer();

        DeadBridgeOrigin = $"http://127.0.0.1:{FreePort()}";
        var deadPort = FreePort();
        DeadBridgeDeskOrigin = $"http://127.0.0.1:{deadPort}";
        deadBridgeDesk = new DeskApp(scenario.World, scenario.Database, new Dictionary<string, string>
        {
            ["Desk:Origin"] = DeadBridgeDeskOrigin,
            ["Desk:CardBridgeOrigin"] = DeadBridgeOrigin,
            ["Desk:CardBridgeReadyTimeoutMs"] = "2000",
        });
        deadBridgeDesk.UseKestrel(options => options.Listen(IPAddress.Loopback, deadPort));
        deadBridgeDesk.StartServer();

        appDesk = await AppDesk.StartAsync(scenario.World, bridgeOrigin, appDeskPort);
        passkeyDesk = await AppDesk.StartAsync(scenario.World, bridgeOrigin, passkeyDeskPort, "localhost");

        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(playwright);
    }

    public async Task DisposeAsync()
    {
        if (playwright is not null)
        {
            await Browser.DisposeAsync();
            playwright.Dispose();
        }

        if (appDesk is not null)
        {
            await appDesk.DisposeAsync();
        }

        if (passkeyDesk is not null)
        {
            await passkeyDesk.DisposeAsync();
        }

        if (deadBridgeDesk is not null)
        {
            await deadBridgeDesk.DisposeAsync();
        }

        if (bridge is not null)
        {
            await bridge.StopAsync();
            await bridge.DisposeAsync();
        }

        if (scenario is not null)
        {
            await scenario.DisposeAsync();
        }

        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }

        if (softHsmFolder is not null)
        {
            Directory.Delete(softHsmFolder, recursive: true);
        }
    }

    /// <summary>A fresh SoftHSM2 token with the user PIN <see cref="Pin"/>, in a configuration of this run only.</summary>
    private string InitSoftHsmToken()
    {
        softHsmFolder = Directory.CreateTempSubdirectory("laobao-desk-softhsm-").FullName;
        var tokens = Path.Combine(softHsmFolder, "tokens");
        Directory.CreateDirectory(tokens);
        var config = Path.Combine(softHsmFolder, "softhsm2.conf");
        File.WriteAllText(config, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        // The module reads the C library's environment, which .NET's SetEnvironmentVariable does not change.
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", config);
        Assert.Equal(0, NativeMethods.setenv("SOFTHSM2_CONF", config, 1));
        const string label = "desk-card";
        var start = new ProcessStartInfo("softhsm2-util") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--init-token", "--free", "--label", label, "--pin", Pin, "--so-pin", "12345678" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("softhsm2-util --init-token did not end within two minutes");
        }

        output.Wait(TimeSpan.FromSeconds(10));
        Assert.True(process.ExitCode == 0, "softhsm2-util --init-token failed: " + (error.Wait(TimeSpan.FromSeconds(10)) ? error.Result : ""));
        return label;
    }

    internal static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }
}

internal static class NativeMethods
{
    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable CA1707, SYSLIB1054 // The C library's own name; a plain P/Invoke keeps the test project free of unsafe code.
    internal static extern int setenv(string name, string value, int overwrite);
#pragma warning restore CA1707, SYSLIB1054
}

[CollectionDefinition(Name)]
public sealed class CardDeskCollection : ICollectionFixture<CardDesk>
{
    public const string Name = "Card desk in a browser";
}
