using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

// Usage: dotnet run -c Release --project bench/Laobao.AppLoad -- <publish folder of Laobao.Web> [runs]
// Starts the published web host on 127.0.0.1, loads /app/ in headless Chromium with an empty cache and reports
// the bytes the browser received (compressed, as served) and the time until the app's first screen is interactive.
if (args.Length < 1 || !File.Exists(Path.Combine(args[0], "Laobao.Web.dll")))
{
    Console.Error.WriteLine("usage: Laobao.AppLoad <publish folder containing Laobao.Web.dll> [runs]");
    return 2;
}

var publish = Path.GetFullPath(args[0]);
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
var port = FreePort();
var origin = $"http://127.0.0.1:{port}";
var data = Directory.CreateTempSubdirectory("laobao-appload-").FullName;

using var host = Process.Start(new ProcessStartInfo("dotnet", ["Laobao.Web.dll", "--urls", origin])
{
    WorkingDirectory = publish,
    RedirectStandardOutput = true,
    RedirectStandardError = true,
    Environment =
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        // Production needs the store named explicitly; a throwaway SQLite file (migrated at start) is enough here.
        ["Database__Provider"] = "Sqlite",
        ["ConnectionStrings__Laobao"] = $"Data Source={Path.Combine(data, "laobao.db")}",
        // The host refuses to start without these; the app's load does not depend on them.
        ["Desk__Origin"] = origin,
        ["DataProtection__CertificatePath"] = DataProtectionCertificate(data),
        ["Mail__LocalMailbox"] = "true",
        // No file watchers for configuration: a shared machine runs out of inotify instances.
        ["DOTNET_hostBuilder__reloadConfigOnChange"] = "false",
    },
}) ?? throw new InvalidOperationException("The web host did not start.");
host.OutputDataReceived += (_, _) => { };
host.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("host: " + e.Data); };
host.BeginOutputReadLine();
host.BeginErrorReadLine();

try
{
    await WaitForHostAsync(origin);
    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    });

    var loadBefore = LoadAverage();
    var cold = new List<Sample>();
    var warm = new List<Sample>();
    var baseline = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        // Baseline in the same run and browser: the e-desk's server-rendered sign-in page (small script, no WebAssembly),
        // so a busy machine shows in both figures and their ratio stays comparable between runs.
        await using (var plain = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } }))
        {
            var deskPage = await plain.NewPageAsync();
            await deskPage.GotoAsync(origin + "/desk/login", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            baseline.Add(await deskPage.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].loadEventEnd"));
        }

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        cold.Add(await LoadAsync(page, origin + "/app/"));
        // Second start in the same profile: the service worker and the HTTP cache serve the shell.
        await page.EvaluateAsync("async () => { await navigator.serviceWorker.ready; }");
        warm.Add(await LoadAsync(page, origin + "/app/"));
    }

    var loadAfter = LoadAverage();
    Console.WriteLine($"runs: {runs}, origin: loopback, Chromium headless, 390x844");
    Console.WriteLine($"load average (1/5/15 min) before: {loadBefore}, after: {loadAfter}, on {Environment.ProcessorCount} cores");
    Console.WriteLine($"first load, compressed bytes as served: {Median(cold, s => s.EncodedBytes) / 1024.0:F0} KiB " +
        $"({Median(cold, s => s.DecodedBytes) / 1024.0:F0} KiB decompressed, {Median(cold, s => s.TransferBytes) / 1024.0:F0} KiB with headers, {cold[0].Requests} requests)");
    Console.WriteLine($"first load, time to interactive (median): {Median(cold, s => s.InteractiveMs):F0} ms " +
        $"(min {cold.Min(s => s.InteractiveMs):F0}, max {cold.Max(s => s.InteractiveMs):F0})");
    var baselineMs = baseline.Order().ElementAt(baseline.Count / 2);
    Console.WriteLine($"baseline, e-desk sign-in page loaded (median): {baselineMs:F0} ms; app first load / baseline: " +
        $"{Median(cold, s => s.InteractiveMs) / baselineMs:F1}x");
    // What the first load is made of: the largest responses of the first run, as sent (compressed) and decompressed.
    Console.WriteLine("largest responses of the first load (compressed / decompressed):");
    foreach (var resource in cold[0].Biggest)
    {
        Console.WriteLine("  " + resource);
    }

    Console.WriteLine($"second start, service worker: {Median(warm, s => s.InteractiveMs):F0} ms, " +
        $"{Median(warm, s => s.TransferBytes) / 1024.0:F0} KiB over the network");
    return 0;
}
finally
{
    host.Kill(entireProcessTree: true);
    await host.WaitForExitAsync();
    Directory.Delete(data, recursive: true);
}

static async Task<Sample> LoadAsync(IPage page, string url)
{
    await page.GotoAsync(url);
    await page.Locator("#lang-switch").WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
    // Interactive: the layout with its language button is rendered by .NET, so the runtime handles input from now on.
    return await page.EvaluateAsync<Sample>("""
        () => {
          const entries = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')];
          return {
            interactiveMs: performance.now(),
            encodedBytes: entries.reduce((n, e) => n + (e.encodedBodySize || 0), 0),
            decodedBytes: entries.reduce((n, e) => n + (e.decodedBodySize || 0), 0),
            transferBytes: entries.reduce((n, e) => n + (e.transferSize || 0), 0),
            requests: entries.length,
            biggest: entries
              .filter(e => e.encodedBodySize > 0)
              .sort((a, b) => b.encodedBodySize - a.encodedBodySize)
              .slice(0, 12)
              .map(e => `${(e.encodedBodySize / 1024).toFixed(1).padStart(7)} KiB / ${(e.decodedBodySize / 1024).toFixed(1).padStart(7)} KiB  ${new URL(e.name).pathname}`),
          };
        }
        """);
}

// A throwaway self-signed certificate with its key (PEM, one file): Production encrypts its Data Protection keys with one.
static string DataProtectionCertificate(string folder)
{
    using var key = System.Security.Cryptography.RSA.Create(2048);
    var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
        "CN=Laobao app load bench", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
    using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    var path = Path.Combine(folder, "data-protection.pem");
    File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n");
    return path;
}

// The machine's load while measuring, printed with every figure (Linux /proc/loadavg; elsewhere "unknown").
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static double Median(List<Sample> samples, Func<Sample, double> pick)
{
    var sorted = samples.Select(pick).Order().ToList();
    return sorted[sorted.Count / 2];
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static async Task WaitForHostAsync(string origin)
{
    using var http = new HttpClient();
    for (var i = 0; i < 120; i++)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(origin + "/app/"));
            if (response.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
            // Not listening yet.
        }

        await Task.Delay(500);
    }

    throw new InvalidOperationException("The web host did not answer on " + origin);
}

/// <summary>One page load as the browser measured it (Resource Timing).</summary>
internal sealed class Sample
{
    public double InteractiveMs { get; set; }

    public double EncodedBytes { get; set; }

    public double DecodedBytes { get; set; }

    /// <summary>Bytes that came over the network, headers included; 0 for what the service worker or cache served.</summary>
    public double TransferBytes { get; set; }

    public int Requests { get; set; }

    /// <summary>The largest responses of this load, by bytes as sent: "compressed KiB / decompressed KiB  path".</summary>
    public string[] Biggest { get; set; } = [];
}
