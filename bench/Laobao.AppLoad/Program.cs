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
        // Marks for the breakdown of the first load: when the .NET runtime's wasm is compiled and when .NET code first
        // reaches the browser (the layout's first JS interop call), set by a script that runs before the page's own.
        await context.AddInitScriptAsync(BreakdownProbe());
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
    Console.WriteLine($"  (as measured before 2026-12-07 18:00, when the bench had seen the button: {Median(cold, s => s.SeenMs):F0} ms, " +
        $"min {cold.Min(s => s.SeenMs):F0}, max {cold.Max(s => s.SeenMs):F0})");
    var baselineMs = baseline.Order().ElementAt(baseline.Count / 2);
    Console.WriteLine($"baseline, e-desk sign-in page loaded (median): {baselineMs:F0} ms; app first load / baseline: " +
        $"{Median(cold, s => s.InteractiveMs) / baselineMs:F1}x");
    // What the first load is made of: the largest responses of the first run, as sent (compressed) and decompressed.
    Console.WriteLine("largest responses of the first load (compressed / decompressed):");
    foreach (var resource in cold[0].Biggest)
    {
        Console.WriteLine("  " + resource);
    }

    Console.WriteLine("where the first load's time goes (median of the runs, ms since navigation start):");
    foreach (var step in cold[0].Steps.Keys)
    {
        var at = Median(cold, s => s.Steps.GetValueOrDefault(step, -1));
        Console.WriteLine($"  {step,-58} {(at < 0 || at >= 1e9 ? "n/a" : at.ToString("F0", CultureInfo.InvariantCulture)),7}");
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
            interactiveMs: (window.__laobaoProbe || {}).layoutShown ?? performance.now(),
            seenMs: performance.now(),
            steps: (() => {
              const r = performance.getEntriesByType('resource');
              const nav = performance.getEntriesByType('navigation')[0];
              const end = re => Math.max(-1, ...r.filter(e => re.test(e.name)).map(e => e.responseEnd));
              const start = re => Math.min(1e9, ...r.filter(e => re.test(e.name)).map(e => e.startTime));
              const p = window.__laobaoProbe || {};
              return {
                'index.html received': nav.responseEnd,
                'blazor.webassembly.js received': end(/blazor\.webassembly\.js/),
                'dotnet.native.wasm requested': start(/dotnet\.native\..*wasm/),
                'dotnet.native.wasm received': end(/dotnet\.native\..*wasm/),
                'dotnet.native.wasm compiled (compileStreaming resolved)': p.wasmCompiled ?? -1,
                'dotnet.native.wasm instantiated': p.wasmInstantiated ?? -1,
                'first assembly requested': start(/_framework\/(?!dotnet\.native).*\.wasm/),
                'last assembly received': end(/_framework\/(?!dotnet\.native).*\.wasm/),
                '.NET code reached the layout (first localStorage read)': p.firstStorageRead ?? -1,
                'app.js module received': end(/js\/app\.js/),
                ...Object.fromEntries(Object.entries(p.marks || {}).map(([k, v]) => ['mark: ' + k, v])),
                'layout with language button in the document': p.layoutShown ?? -1,
                'home page menu in the document': p.homeShown ?? -1,
                'bench saw the button (Playwright wait + evaluate)': performance.now(),
              };
            })(),
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

// Runs before the page's scripts: records when WebAssembly.instantiate(Streaming) resolves for the runtime's wasm (the
// largest module, compiled while it streams in) and when .NET first reads localStorage (the app's settings, read by the
// layout before it renders), so the time to interactive can be split into download, compile, runtime start and render.
static string BreakdownProbe() => """
    (() => {
      const probe = window.__laobaoProbe = {};
      // The runtime compiles dotnet.native.wasm with compileStreaming while it downloads, then instantiates it.
      const compileStreaming = WebAssembly.compileStreaming;
      WebAssembly.compileStreaming = function (...args) {
        return compileStreaming.apply(this, args).then(module => {
          probe.wasmCompiled ??= performance.now();
          return module;
        });
      };
      const instantiate = WebAssembly.instantiate;
      WebAssembly.instantiate = function (...args) {
        return instantiate.apply(this, args).then(result => {
          probe.wasmInstantiated ??= performance.now();
          return result;
        });
      };
      // Temporary marks written by an instrumented app build ("laobao-mark: NAME" on the console), if any.
      for (const level of ['log', 'info', 'debug']) {
        const write = console[level];
        console[level] = function (...args) {
          const text = String(args[0]);
          if (text.startsWith('laobao-mark: ')) (probe.marks ??= {})[text.substring(13)] ??= performance.now();
          return write.apply(this, args);
        };
      }
      // The moment the layout's language button and the home page's first menu entry are in the document (the layout
      // renders the button and, in the same batch, the page; the browser paints after the batch).
      new MutationObserver(() => {
        if (probe.layoutShown === undefined && document.getElementById('lang-switch')) probe.layoutShown = performance.now();
        if (probe.homeShown === undefined && document.querySelector('#main ul.menu')) probe.homeShown = performance.now();
      }).observe(document, { childList: true, subtree: true });
      const getItem = Storage.prototype.getItem;
      Storage.prototype.getItem = function (key) {
        if (probe.firstStorageRead === undefined && String(key).startsWith('laobao.')) probe.firstStorageRead = performance.now();
        return getItem.call(this, key);
      };
    })();
    """;

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
    /// <summary>When the layout's language button entered the document (a MutationObserver in the page), in ms since navigation start.</summary>
    public double InteractiveMs { get; set; }

    /// <summary>When the bench read the clock after Playwright saw the button: the figure printed before 2026-12-07 18:00, which adds Playwright's polling and one round trip.</summary>
    public double SeenMs { get; set; }

    public double EncodedBytes { get; set; }

    public double DecodedBytes { get; set; }

    /// <summary>Bytes that came over the network, headers included; 0 for what the service worker or cache served.</summary>
    public double TransferBytes { get; set; }

    public int Requests { get; set; }

    /// <summary>Milestones of the load in ms since navigation start (-1 or 1e9 when the page never reached one).</summary>
    public Dictionary<string, double> Steps { get; set; } = [];

    /// <summary>The largest responses of this load, by bytes as sent: "compressed KiB / decompressed KiB  path".</summary>
    public string[] Biggest { get; set; } = [];
}
