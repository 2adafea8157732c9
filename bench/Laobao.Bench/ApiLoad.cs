using System.Diagnostics;
using System.Globalization;

namespace Laobao.Bench;

/// <summary>What one load phase measured: completed requests, errors, wall time and every latency.</summary>
internal sealed record LoadResult(string Name, long Requests, long Errors, double Seconds, List<double> LatenciesMs)
{
    public double PerSecond => Requests / Seconds;

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
        $"| {Name} | {Requests:N0} | {Errors:N0} | {PerSecond:N0} | {Percentile(0.50):F1} | {Percentile(0.99):F1} |");
}

/// <summary>A closed-loop load: <c>clients</c> tasks, each sending its next request when the last one answered.</summary>
internal static class ApiLoad
{
    public static async Task<LoadResult> RunAsync(string name, int clients, TimeSpan warmUp, TimeSpan duration, Func<int, Random, Task<bool>> request)
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
        var watch = Stopwatch.StartNew();
        Volatile.Write(ref measuring, true);
        await Task.Delay(duration);
        Volatile.Write(ref stop, true);
        var seconds = watch.Elapsed.TotalSeconds;
        await Task.WhenAll(tasks);
        var all = latencies.SelectMany(l => l).ToList();
        return new LoadResult(name, all.Count, errors.Sum(), seconds, all);
    }
}
