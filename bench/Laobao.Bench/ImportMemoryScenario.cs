using System.Diagnostics;
using System.Globalization;
using Laobao.Ops.Import;
using Laobao.Ops.Seed;
using Laobao.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Bench;

/// <summary>
/// Peak resident memory of the real <c>laobao import coverage-events</c> process on a large file (2,000,000 rows by
/// default) against the same command on a file a tenth of that size (the baseline, in the same run): the importer
/// streams in batches, so its peak must not grow with the file and must stay under a fixed ceiling.
/// Peak RSS is the kernel's high-water mark (VmHWM in /proc/PID/status), read until the process ends.
/// </summary>
internal static class ImportMemoryScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = BenchOptions.GetInt(args, "--rows", 2_000_000);
        var baselineRows = BenchOptions.GetInt(args, "--baseline-rows", rows / 10);
        var ceilingMib = BenchOptions.GetInt(args, "--ceiling-mib", 512);
        var folder = BenchOptions.Get(args, "--dir") ?? Directory.CreateTempSubdirectory("laobao-bench-memory-").FullName;
        Directory.CreateDirectory(folder);
        var laobao = Path.Combine(AppContext.BaseDirectory, "laobao.dll");
        Console.WriteLine($"machine: {BenchOptions.Machine()}");

        // About 16 coverage events per synthetic person over 24 years: enough persons for the rows asked for.
        var events = SeedCsvWriter.PathFor(folder, "coverage-events");
        if (!File.Exists(events) || File.ReadLines(events).Count() - 1 < rows)
        {
            var persons = rows / 12;
            Console.WriteLine($"writing the synthetic files for {persons:N0} persons in {folder}…");
            await SeedCsvWriter.WriteAsync(new SeedPlan(persons, 1, SeedCommand.DefaultAsOf, 24), folder, CancellationToken.None);
        }

        var big = Cut(events, Path.Combine(folder, "events-big.csv"), rows);
        var small = Cut(events, Path.Combine(folder, "events-baseline.csv"), baselineRows);

        var baseline = await MeasureAsync(laobao, folder, "baseline", small, baselineRows);
        var large = await MeasureAsync(laobao, folder, "large", big, rows);
        var ratio = (double)large / baseline;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak RSS: {rows:N0} rows {Mib(large):F0} MiB, {baselineRows:N0} rows (baseline) {Mib(baseline):F0} MiB, ratio {ratio:F2}; ceiling {ceilingMib} MiB; load average {BenchOptions.LoadAverage()}"));
        if (Mib(large) > ceilingMib)
        {
            Console.Error.WriteLine($"the import of {rows:N0} rows peaked at {Mib(large):F0} MiB, above the ceiling of {ceilingMib} MiB");
            return 1;
        }

        return 0;
    }

    private static double Mib(long bytes) => bytes / 1024.0 / 1024.0;

    /// <summary>The header and the first <paramref name="rows"/> rows of the seeded file.</summary>
    private static string Cut(string source, string target, int rows)
    {
        File.WriteAllLines(target, File.ReadLines(source).Take(rows + 1));
        return target;
    }

    /// <summary>A fresh SQLite store with the persons and units, then the import of the events file, with its peak RSS.</summary>
    private static async Task<long> MeasureAsync(string laobao, string folder, string name, string file, int rows)
    {
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, name + ".db")}");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path.Combine(folder, name + ".db" + suffix));
        }

        await using (var context = settings.CreateContext())
        {
            await context.Database.MigrateAsync();
        }

        foreach (var kind in new[] { "persons", "units" })
        {
            var result = await new Importer(settings, TimeProvider.System).RunAsync(
                new Importer(settings, TimeProvider.System).KindFor(kind)!, SeedCsvWriter.PathFor(folder, kind), new ImportOptions(), new NoProgress(), CancellationToken.None);
            if (result.Rejected > 0)
            {
                throw new InvalidOperationException($"{kind}: {result.Rejected} rows rejected");
            }
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        foreach (var arg in new[] { laobao, "import", "coverage-events", file })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Laobao"] = settings.ConnectionString;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("laobao did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, HighWaterMark(process.Id));
            await Task.Delay(50);
        }

        await process.WaitForExitAsync();
        var summary = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"laobao import ended with {process.ExitCode}: {summary} {await error}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {rows:N0} rows in {watch.Elapsed.TotalSeconds:F1} s, peak RSS {Mib(peak):F0} MiB — {summary.Trim()}"));
        return peak;
    }

    /// <summary>VmHWM of a live process in bytes (0 once it is gone).</summary>
    private static long HighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }
}
