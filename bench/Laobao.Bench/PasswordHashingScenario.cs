using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Laobao.Web.Security.Passwords;
using Microsoft.Extensions.Options;

namespace Laobao.Bench;

/// <summary>
/// What one password check costs at the configured Argon2id parameters, and how many a core can do per second:
/// the figure that bounds sign-ins per node (compare Keycloak's 15 logins/s per vCPU). Each worker thread runs
/// checks back to back; the result is per core as well as for the whole machine.
/// </summary>
internal static class PasswordHashingScenario
{
    public static Task<int> RunAsync(string[] args)
    {
        var memory = Option(args, "--memory-kib", PasswordHashingOptions.MinimumMemoryKiB);
        var iterations = Option(args, "--iterations", PasswordHashingOptions.MinimumIterations);
        var seconds = Option(args, "--seconds", 10);
        var hasher = new PasswordHasher(Options.Create(new PasswordHashingOptions { MemoryKiB = memory, Iterations = iterations }));
        var stored = hasher.Hash("颱風天在家煮一鍋番茄牛肉麵");

        Console.WriteLine($"Argon2id m={memory} KiB ({memory / 1024.0:F1} MiB), t={iterations}, p=1; {Environment.ProcessorCount} logical cores; {seconds} s per run");
        foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            var (checks, elapsed, single) = Measure(hasher, stored, threads, TimeSpan.FromSeconds(seconds));
            var perSecond = checks / elapsed.TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"threads={threads}: {checks} checks in {elapsed.TotalSeconds:F1} s -> {perSecond:F1} checks/s in all, {perSecond / threads:F1} checks/s per core; median one check {single.TotalMilliseconds:F1} ms"));
        }

        return Task.FromResult(0);
    }

    private static (int Checks, TimeSpan Elapsed, TimeSpan Median) Measure(PasswordHasher hasher, string stored, int threads, TimeSpan duration)
    {
        var durations = new List<TimeSpan>[threads];
        var watch = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, worker =>
        {
            var mine = durations[worker] = [];
            while (watch.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                if (hasher.Verify("颱風天在家煮一鍋番茄牛肉麵", stored) != PasswordCheck.Match)
                {
                    throw new InvalidOperationException("The benchmark's own password did not verify.");
                }

                mine.Add(Stopwatch.GetElapsedTime(start));
            }
        });
        var elapsed = watch.Elapsed;
        var all = durations.SelectMany(d => d).Order().ToList();
        return (all.Count, elapsed, all[all.Count / 2]);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

/// <summary>BenchmarkDotNet view of the same cost, at the SPEC minimum and at RFC 9106's second recommendation.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class PasswordHashingBenchmarks
{
    private PasswordHasher hasher = null!;
    private string stored = "";

    [Params(19456, 65536)]
    public int MemoryKiB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        hasher = new PasswordHasher(Options.Create(new PasswordHashingOptions { MemoryKiB = MemoryKiB, Iterations = MemoryKiB == 65536 ? 3 : 2 }));
        stored = hasher.Hash("correct horse battery staple");
    }

    [Benchmark]
    public PasswordCheck Verify() => hasher.Verify("correct horse battery staple", stored);
}
