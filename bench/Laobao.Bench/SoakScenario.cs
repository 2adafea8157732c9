using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Laobao.Web.Data;
using Laobao.Web.Security.DeviceKeys;
using Laobao.Web.Security.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Bench;

/// <summary>
/// The soak (issue 19): the reference deployment (deploy/run.sh, started with <c>Metrics__Prometheus=true</c>) under
/// a steady inquiry load through its balancer. First the maximum: a closed loop of <c>--clients</c> for
/// <c>--max-seconds</c>. Then, for <c>--minutes</c>, half that rate, paced (open loop: a request leaves on schedule
/// whether or not the last one answered). Every minute: requests, errors, p50/p99, and each node's resident memory
/// (/proc) and GC heap (its /metrics). Flat memory and a steady p99 from the first minute to the last are the result;
/// a table on standard output and an SVG chart for docs/benchmarks.md.
/// </summary>
internal static partial class SoakScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var deploy = BenchOptions.Get(args, "--deploy-dir") ?? throw new ArgumentException("--deploy-dir STATE is needed: the state folder deploy/run.sh printed");
        var minutes = BenchOptions.GetInt(args, "--minutes", 10);
        var clients = BenchOptions.GetInt(args, "--clients", 32);
        var maxSeconds = BenchOptions.GetInt(args, "--max-seconds", 20);
        var users = BenchOptions.GetInt(args, "--users", 2000);
        var fixedRate = BenchOptions.GetInt(args, "--rate", 0);
        var chart = BenchOptions.Get(args, "--chart") ?? "soak.svg";
        var deployment = Deployment.Read(deploy);
        Console.WriteLine($"machine: {BenchOptions.Machine()}");
        Console.WriteLine($"balancer {deployment.Balancer}, nodes {string.Join(", ", deployment.Nodes)} (pids {string.Join(", ", deployment.Pids)})");

        var settings = new DatabaseSettings(DatabaseProvider.Postgres, deployment.Primary);
        var (tokens, _) = await MobileApiScenario.PrepareAsync(settings, users, 0);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 4 * clients, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            BaseAddress = deployment.Balancer,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var coverage = new Uri("api/v1/me/coverage", UriKind.Relative);
        using var nodeOne = Process.GetProcessById(deployment.Pids[0]);

        // The maximum, after a warm-up of the same length: both nodes JIT-compile and tier up first.
        double rate = fixedRate;
        if (rate <= 0)
        {
            await ApiLoad.RunAsync("warm-up", nodeOne, clients, TimeSpan.Zero, TimeSpan.FromSeconds(maxSeconds), (_, random) => GetAsync(http, coverage, tokens[random.Next(tokens.Count)]));
            var max = await ApiLoad.RunAsync("maximum (closed loop)", nodeOne, clients, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(maxSeconds), (_, random) => GetAsync(http, coverage, tokens[random.Next(tokens.Count)]));
            Console.WriteLine(LoadResult.Header);
            Console.WriteLine(max.Row());
            if (max.Errors > 0)
            {
                Console.WriteLine($"the maximum phase had {max.Errors} errors; the last: {LastFailure}");
            }

            rate = max.PerSecond / 2;
        }

        if (rate <= 0 || double.IsNaN(rate))
        {
            Console.Error.WriteLine($"no request succeeded ({LastFailure ?? "no answer"}); nothing to soak");
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"soak: {rate:F1} requests/s for {minutes} min through the balancer"));
        var rows = new List<Minute>();
        var interval = TimeSpan.FromSeconds(1 / rate);
        var started = Stopwatch.StartNew();
        var inFlight = new List<Task>();
        var random = new Random(19);
        // Access tokens live 10 minutes (SPEC §7) and the app renews them before they run out; the soak does the same,
        // issuing a fresh token for every bench device in the background every few minutes and swapping the pool when
        // done, so a soak longer than a token's life measures the service, not expired tokens.
        var issuedAt = Stopwatch.StartNew();
        Task<List<string>>? renewal = null;
        for (var minute = 1; minute <= minutes; minute++)
        {
            if (renewal is { IsCompleted: true })
            {
                tokens = await renewal;
                renewal = null;
                issuedAt.Restart();
            }

            if (renewal is null && issuedAt.Elapsed >= TokenRenewalInterval)
            {
                renewal = Task.Run(() => ReissueAsync(settings));
            }

            var latencies = new List<double>();
            long errors = 0;
            var end = TimeSpan.FromMinutes(minute);
            long sent = 0;
            var minuteStart = started.Elapsed;
            while (started.Elapsed < end)
            {
                // Open loop: the n-th request of the minute leaves at its scheduled moment.
                var due = minuteStart + sent * interval;
                var wait = due - started.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                sent++;
                var token = tokens[random.Next(tokens.Count)];
                inFlight.Add(Task.Run(async () =>
                {
                    var t = Stopwatch.GetTimestamp();
                    bool ok;
                    try
                    {
                        ok = await GetAsync(http, coverage, token);
                    }
                    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                    {
                        ok = false;
                    }

                    var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                    lock (latencies)
                    {
                        if (ok)
                        {
                            latencies.Add(ms);
                        }
                        else
                        {
                            errors++;
                        }
                    }
                }));
                if (inFlight.Count > 4096)
                {
                    inFlight.RemoveAll(task => task.IsCompleted);
                }
            }

            await Task.WhenAll(inFlight);
            inFlight.Clear();
            var samples = new List<NodeSample>();
            for (var i = 0; i < deployment.Nodes.Count; i++)
            {
                samples.Add(new NodeSample(ResidentBytes(deployment.Pids[i]), await GcHeapBytesAsync(http, deployment.Nodes[i])));
            }

            List<double> done;
            lock (latencies)
            {
                done = [.. latencies];
            }

            var row = new Minute(minute, done.Count, errors, Percentile(done, 0.50), Percentile(done, 0.99), samples, BenchOptions.LoadAverage());
            rows.Add(row);
            Console.WriteLine(row.Text());
        }

        Console.WriteLine();
        Console.WriteLine(Minute.Header(deployment.Nodes.Count));
        foreach (var row in rows)
        {
            Console.WriteLine(row.Text());
        }

        var first = rows[0];
        var last = rows[^1];
        var perNode = string.Join("; ", Enumerable.Range(0, deployment.Nodes.Count).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"node {i + 1} RSS {Mib(first.Nodes[i].Resident)} → {Mib(last.Nodes[i].Resident)} MiB, GC heap {Mib(first.Nodes[i].GcHeap)} → {Mib(last.Nodes[i].GcHeap)} MiB")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"errors {rows.Sum(r => r.Errors)}; first vs last minute: p99 {first.P99:F1} → {last.P99:F1} ms; {perNode}"));
        await File.WriteAllTextAsync(chart, Svg(rows, rate));
        Console.WriteLine($"chart: {Path.GetFullPath(chart)}");
        if (LastFailure is not null)
        {
            Console.WriteLine($"last failed answer: {LastFailure}");
        }

        return rows.Sum(r => r.Errors) == 0 ? 0 : 1;
    }

    /// <summary>The last failed answer (status and the start of its body), for the error report.</summary>
    private static string? LastFailure { get; set; }

    private static readonly TimeSpan TokenRenewalInterval = TimeSpan.FromMinutes(6);

    /// <summary>A fresh access token for every bench device, as the app's renewal before expiry would give it.</summary>
    private static async Task<List<string>> ReissueAsync(DatabaseSettings settings)
    {
        await using var db = settings.CreateContext();
        var devices = await db.Set<LinkedDevice>().AsNoTracking().Where(d => d.Name == "bench")
            .Select(d => new { d.Id, d.PersonIdNumber }).ToListAsync();
        var service = new TokenService(db, TimeProvider.System);
        var fresh = new List<string>(devices.Count);
        foreach (var device in devices)
        {
            fresh.Add((await service.IssueAsync(device.PersonIdNumber, device.Id, null, CancellationToken.None)).AccessToken);
            db.ChangeTracker.Clear();
        }

        return fresh;
    }

    private static async Task<bool> GetAsync(HttpClient http, Uri uri, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        await response.Content.LoadIntoBufferAsync();
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            LastFailure = string.Create(CultureInfo.InvariantCulture, $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
        }

        return response.IsSuccessStatusCode;
    }

    private static long ResidentBytes(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return -1;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The managed heap after the last collection, summed over generations, from the node's /metrics.</summary>
    private static async Task<long> GcHeapBytesAsync(HttpClient http, Uri node)
    {
        string text;
        try
        {
            text = await http.GetStringAsync(new Uri(node, "metrics"));
        }
        catch (HttpRequestException)
        {
            return -1;
        }

        foreach (var name in new[] { "dotnet_gc_last_collection_heap_size_bytes", "process_runtime_dotnet_gc_heap_size_bytes" })
        {
            var values = text.Split('\n').Where(l => l.StartsWith(name, StringComparison.Ordinal) && !l.StartsWith('#'))
                .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture)).ToList();
            if (values.Count > 0)
            {
                return (long)values.Sum();
            }
        }

        return -1;
    }

    private static double Percentile(List<double> values, double q)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values[Math.Min(values.Count - 1, (int)Math.Ceiling(q * values.Count) - 1)];
    }

    private static string Mib(long bytes) => bytes < 0 ? "n/a" : (bytes / 1048576.0).ToString("F0", CultureInfo.InvariantCulture);

    private sealed record NodeSample(long Resident, long GcHeap);

    private sealed record Minute(int Number, long Requests, long Errors, double P50, double P99, List<NodeSample> Nodes, string LoadAverage)
    {
        public static string Header(int nodes) =>
            "| minute | requests | errors | p50 ms | p99 ms | " + string.Join(" | ", Enumerable.Range(1, nodes).Select(i => $"node {i} RSS MiB | node {i} GC heap MiB")) + " | load average |\n" +
            "|---:|---:|---:|---:|---:|" + string.Concat(Enumerable.Repeat("---:|---:|", nodes)) + "---|";

        public string Text() => string.Create(CultureInfo.InvariantCulture,
            $"| {Number} | {Requests:N0} | {Errors:N0} | {P50:F1} | {P99:F1} | {string.Join(" | ", Nodes.Select(n => $"{Mib(n.Resident)} | {Mib(n.GcHeap)}"))} | {LoadAverage} |");
    }

    /// <summary>Three small panels (p99, resident memory, GC heap) over the minutes, one line per node.</summary>
    private static string Svg(List<Minute> rows, double rate)
    {
        const int width = 720, panel = 150, left = 70, top = 40, gap = 40;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{top + 3 * (panel + gap)}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"20\" font-size=\"14\">Laobao soak: {rate:F0} inquiries/s through the balancer, {rows.Count} min, {rows.Sum(r => r.Errors)} errors</text>\n");
        string[] colours = ["#1f77b4", "#d62728", "#2ca02c"];
        var panels = new (string Title, Func<Minute, int, double> Value, int Series)[]
        {
            ("p99 latency (ms)", (m, _) => m.P99, 1),
            ("resident memory (MiB), per node", (m, i) => m.Nodes[i].Resident / 1048576.0, rows[0].Nodes.Count),
            ("GC heap after last collection (MiB), per node", (m, i) => m.Nodes[i].GcHeap / 1048576.0, rows[0].Nodes.Count),
        };
        for (var p = 0; p < panels.Length; p++)
        {
            var (title, value, series) = panels[p];
            var y0 = top + p * (panel + gap);
            var all = Enumerable.Range(0, series).SelectMany(i => rows.Select(r => value(r, i))).Where(v => v >= 0 && !double.IsNaN(v)).ToList();
            var max = all.Count == 0 ? 1 : all.Max() * 1.15;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{y0 + 12}\">{title}</text>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{y0 + 18}\" width=\"{width - left - 20}\" height=\"{panel - 18}\" fill=\"none\" stroke=\"#999\"/>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y0 + 26}\" text-anchor=\"end\">{max:F0}</text><text x=\"{left - 6}\" y=\"{y0 + panel}\" text-anchor=\"end\">0</text>\n");
            for (var i = 0; i < series; i++)
            {
                var points = rows.Select((r, k) => (X: left + (rows.Count == 1 ? 0 : k * (width - left - 20.0) / (rows.Count - 1)), V: value(r, i)))
                    .Where(pt => pt.V >= 0 && !double.IsNaN(pt.V))
                    .Select(pt => string.Create(CultureInfo.InvariantCulture, $"{pt.X:F1},{y0 + panel - pt.V / max * (panel - 18):F1}"));
                svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colours[i % colours.Length]}\" stroke-width=\"2\" points=\"{string.Join(' ', points)}\"/>\n");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{top + 3 * (panel + gap) - 12}\">minute 1 … {rows.Count}; blue node 1, red node 2</text>\n</svg>\n");
        return svg.ToString();
    }

    /// <summary>What deploy/run.sh left in its state folder: the balancer and node ports, the node pids, the primary's port.</summary>
    private sealed partial record Deployment(Uri Balancer, List<Uri> Nodes, List<int> Pids, string Primary)
    {
        public static Deployment Read(string state)
        {
            var haproxy = File.ReadAllText(Path.Combine(state, "haproxy.cfg"));
            var balancer = BindPattern().Match(haproxy).Groups[1].Value;
            var nodes = ServerPattern().Matches(haproxy).Select(m => new Uri($"http://127.0.0.1:{m.Groups[1].Value}/")).ToList();
            var pids = Enumerable.Range(0, nodes.Count)
                .Select(i => int.Parse(File.ReadAllText(Path.Combine(state, $"node{i}.pid")).Trim(), CultureInfo.InvariantCulture)).ToList();
            var port = PortPattern().Matches(File.ReadAllText(Path.Combine(state, "primary", "postgresql.conf")))[^1].Groups[1].Value;
            return new Deployment(new Uri($"http://127.0.0.1:{balancer}/"), nodes, pids, $"Host=127.0.0.1;Port={port};Username=postgres;Database=laobao");
        }

        [GeneratedRegex(@"bind 127\.0\.0\.1:(\d+)")]
        private static partial Regex BindPattern();

        [GeneratedRegex(@"server node\d 127\.0\.0\.1:(\d+)")]
        private static partial Regex ServerPattern();

        [GeneratedRegex(@"(?m)^port = (\d+)")]
        private static partial Regex PortPattern();
    }
}
