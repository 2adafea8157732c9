using System.Diagnostics;
using System.Globalization;

namespace Laobao.Bench;

/// <summary>
/// What one load phase measured: completed requests, errors, wall time, every latency, the CPU time the server
/// process used meanwhile and the load average at the end. Server CPU per request is the figure least disturbed
/// by other work on a shared machine.
/// </summary>
internal sealed record LoadResult(string Name, long Requests, long Errors, double Seconds, List<double> LatenciesMs, double ServerCpuSeconds, string LoadAverage)
{
    public double PerSecond => Requests / Seconds;

    public double ServerCpuMsPerRequest => Requests == 0 ? double.NaN : ServerCpuSeconds * 1000 / Requests;

    /// <summary>Requests per second of server CPU time: what one fully used core would serve.</summary>
    public double PerServerCoreSecond => ServerCpuSeconds <= 0 ? double.NaN : Requests / ServerCpuSeconds;

    public double Percentile(double q)
    {
        if (LatenciesMs.Count == 0)
        {
            return double.NaN;
        }

        LatenciesMs.Sort();
        return LatenciesMs[Math.Min(LatenciesMs.Count - 1, (int)Math.Ceiling(q * LatenciesMs.Count) - 1)];
    }

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Requests:N0} | {Errors:N0} | {PerSecond:N1} | {Percentile(0.50):F1} | {Percentile(0.99):F1} | {ServerCpuMsPerRequest:F2} | {PerServerCoreSecond:N1} | {LoadAverage} |");

    public const string Header = "| phase | requests | errors | requests/s | p50 ms | p99 ms | server CPU ms/request | requests per server core-second | load average (1/5/15 min) |\n|---|---:|---:|---:|---:|---:|---:|---:|---|";
}

/// <summary>A closed-loop load: <c>clients</c> tasks, each sending its next request when the last one answered.</summary>
internal static class ApiLoad
{
    public static async Task<LoadResult> RunAsync(string name, Process server, int clients, TimeSpan warmUp, TimeSpan duration, Func<int, Random, Task<bool>> request)
    {
        var latencies = new List<double>[clients];
        var errors = new long[clients];
        var measuring = false;
        var stop = false;
        var tasks = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client * 7919);
            var mine = latencies[client] = new List<double>(4096);
            while (!Volatile.Read(ref stop))
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await request(client, random);
                }
                catch (HttpRequestException)
                {
                    ok = false;
                }

                if (Volatile.Read(ref measuring) && !Volatile.Read(ref stop))
                {
                    if (ok)
                    {
                        mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                    else
                    {
                        errors[client]++;
                    }
                }
            }
        })).ToArray();

        await Task.Delay(warmUp);
        var cpuBefore = CpuTime(server);
        var watch = Stopwatch.StartNew();
        Volatile.Write(ref measuring, true);
        await Task.Delay(duration);
        Volatile.Write(ref stop, true);
        var seconds = watch.Elapsed.TotalSeconds;
        var cpu = (CpuTime(server) - cpuBefore).TotalSeconds;
        var load = BenchOptions.LoadAverage();
        await Task.WhenAll(tasks);
        var all = latencies.SelectMany(l => l).ToList();
        return new LoadResult(name, all.Count, errors.Sum(), seconds, all, cpu, load);
    }

    /// <summary>
    /// Loads the server in windows of <paramref name="window"/> until it has settled — two windows in a row within 5 % of
    /// each other in CPU per request, after at least <paramref name="minimum"/>, and the runtime's tiered-compilation
    /// worker (the thread that re-JITs hot methods: tier 0 → instrumented → optimised) using under 2 % of the server's
    /// CPU in the last window — or <paramref name="maximum"/> has passed. On two shared cores tier-up takes minutes for
    /// the full stack, not seconds, and CPU per request alone can look flat (to within the noise) while methods still
    /// run their instrumented tier. Prints each window, so the output shows when it settled.
    /// </summary>
    public static async Task<(long Requests, double Seconds, bool Settled)> PrewarmAsync(
        string name, Process server, int clients, TimeSpan minimum, TimeSpan maximum, TimeSpan window, Func<int, Random, Task<bool>> request)
    {
        var watch = Stopwatch.StartNew();
        long requests = 0;
        double? previous = null;
        while (watch.Elapsed < maximum)
        {
            var tieringBefore = TieringThreadsCpu(server.Id);
            var result = await RunAsync(name, server, clients, TimeSpan.Zero, window, request);
            var tiering = TieringCpuSince(server.Id, tieringBefore);
            requests += result.Requests;
            var cpu = result.ServerCpuMsPerRequest;
            var tieringShare = result.ServerCpuSeconds <= 0 ? 0 : tiering.TotalSeconds / result.ServerCpuSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name}: {watch.Elapsed.TotalSeconds,4:F0} s, {result.PerSecond,8:N1} requests/s, {cpu:F3} ms server CPU/request, tier-up (JIT worker) {tieringShare,6:P1} of it, load average {result.LoadAverage}"));
            if (previous is { } last && watch.Elapsed >= minimum && Math.Abs(cpu - last) <= 0.05 * last && tieringShare < 0.02)
            {
                return (requests, watch.Elapsed.TotalSeconds, true);
            }

            previous = cpu;
        }

        return (requests, watch.Elapsed.TotalSeconds, false);
    }

    /// <summary>
    /// CPU time of each of the server's tiered-compilation worker threads (named ".NET Tiered Compilation Worker", cut to
    /// 15 characters in /proc), by thread id. The worker ends when idle and a new one starts later, so a window counts
    /// the CPU of threads alive at its end since its start (or since they began).
    /// </summary>
    private static Dictionary<int, TimeSpan> TieringThreadsCpu(int pid)
    {
        var threads = new Dictionary<int, TimeSpan>();
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
        {
            return threads;
        }

        foreach (var dir in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(dir, "comm")).StartsWith(".NET Tiered", StringComparison.Ordinal))
                {
                    continue;
                }

                // Fields 14 and 15 of stat (utime, stime, in clock ticks) follow the ")" that closes the thread's name.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                threads[int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture)] = TimeSpan.FromSeconds(ticks / 100.0);
            }
            catch (IOException)
            {
                // the thread ended meanwhile
            }
        }

        return threads;
    }

    private static TimeSpan TieringCpuSince(int pid, Dictionary<int, TimeSpan> before) =>
        TieringThreadsCpu(pid).Aggregate(TimeSpan.Zero, (sum, thread) => sum + thread.Value - before.GetValueOrDefault(thread.Key));

    private static TimeSpan CpuTime(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }
}
