using System.Diagnostics;
using System.Globalization;
using System.Text;
using Laobao.Ops.Import;
using Laobao.Ops.Seed;
using Laobao.Web.Data;
using Laobao.Web.Data.Bulk;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Laobao.Bench;

/// <summary>
/// Record alerts (SPEC §12, issue 18): the same coverage-events import touching N people (a salary adjustment at each
/// one's open unit) into two identical stores, once with alerts queued and once with <c>--no-alerts</c>, in the same
/// run; prints both times and their ratio (goal ≤ 1.2). The order alternates by round; the fastest of each is kept.
/// </summary>
internal static class ImportAlertsScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var provider = BenchOptions.Provider(args);
        var touched = BenchOptions.GetInt(args, "--touched", 100_000);
        var persons = BenchOptions.GetInt(args, "--persons", touched * 13 / 10);
        var rounds = BenchOptions.GetInt(args, "--repeat", 1);
        var folder = Directory.CreateTempSubdirectory("laobao-bench-alerts-").FullName;
        Console.WriteLine($"machine: {BenchOptions.Machine()}");
        try
        {
            await SeedCsvWriter.WriteAsync(new SeedPlan(persons, 1, SeedCommand.DefaultAsOf, 24), folder, CancellationToken.None);
            double bestOn = double.MaxValue, bestOff = double.MaxValue;
            long changed = 0;
            for (var round = 1; round <= rounds; round++)
            {
                var on = await BaseStoreAsync(provider, args, folder, $"on{round}");
                var off = await BaseStoreAsync(provider, args, folder, $"off{round}");
                var change = Path.Combine(folder, "change.csv");
                changed = await WriteChangeAsync(on, change, touched);
                foreach (var alerts in round % 2 == 1 ? new[] { false, true } : [true, false])
                {
                    var seconds = await TimeImportAsync(alerts ? on : off, change, alerts);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"round {round}: alerts {(alerts ? "on " : "off")} {seconds:F2} s for {changed:N0} people, load average {BenchOptions.LoadAverage()}"));
                    if (alerts)
                    {
                        bestOn = Math.Min(bestOn, seconds);
                    }
                    else
                    {
                        bestOff = Math.Min(bestOff, seconds);
                    }
                }

                var queuedOn = await CountAlertsAsync(on);
                var queuedOff = await CountAlertsAsync(off);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  alerts queued: {queuedOn:N0} (store with alerts on), {queuedOff:N0} (alerts off)"));
                await BenchStores.DropAsync(on);
                await BenchStores.DropAsync(off);
            }

            Console.WriteLine();
            Console.WriteLine("| provider | people touched | import, alerts off | import, alerts on | on / off |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {provider} | {changed:N0} | {bestOff:F2} s | {bestOn:F2} s | {bestOn / bestOff:F3} |"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A fresh store with the seeded population imported, alerts off (loading is not what is measured).</summary>
    private static async Task<DatabaseSettings> BaseStoreAsync(DatabaseProvider provider, string[] args, string folder, string name)
    {
        var settings = await BenchStores.FreshAsync(provider, args, folder, "laobao_bench_alerts", name);
        foreach (var kind in new[] { "persons", "units", "coverage-events" })
        {
            var importer = new Importer(settings, TimeProvider.System);
            var result = await importer.RunAsync(importer.KindFor(kind)!, SeedCsvWriter.PathFor(folder, kind), new ImportOptions(Alerts: false), new NoProgress(), CancellationToken.None);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {kind} {result.Accepted:N0} accepted, {result.Rejected:N0} rejected"));
        }

        return settings;
    }

    /// <summary>One salary adjustment yesterday for each of the first <paramref name="touched"/> people with an open period.</summary>
    private static async Task<long> WriteChangeAsync(DatabaseSettings settings, string path, int touched)
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var open = new SortedDictionary<(string Id, string Unit), SortedSet<string>>();
        await using (var store = await RecordStore.OpenAsync(settings))
        {
            await using var command = store.CreateCommand();
            command.CommandText = "SELECT id_number, unit_code, kind FROM coverage_segments WHERE period_end IS NULL AND segment_end IS NULL ORDER BY id_number";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var key = (reader.GetString(0), reader.GetString(1));
                if (!open.TryGetValue(key, out var kinds))
                {
                    open[key] = kinds = new SortedSet<string>(Comparer<string>.Create((a, b) => Rank(a).CompareTo(Rank(b))));
                }

                kinds.Add(reader.GetString(2));
            }
        }

        var people = new HashSet<string>(StringComparer.Ordinal);
        var text = new StringBuilder("id_number,unit_code,event,date,kinds,insured_salary\n");
        foreach (var ((id, unit), kinds) in open)
        {
            // Rows come by ID number, so all of one person's open units are next to each other.
            if (people.Count >= touched && !people.Contains(id))
            {
                break;
            }

            people.Add(id);
            text.Append(CultureInfo.InvariantCulture, $"{id},{unit},adjust,{day:yyyy-MM-dd},{string.Join('+', kinds)},45800\n");
        }

        await File.WriteAllTextAsync(path, text.ToString(), new UTF8Encoding(false));
        return people.Count;

        static int Rank(string kind) => kind switch { "labour" => 0, "occupational" => 1, _ => 2 };
    }

    private static async Task<double> TimeImportAsync(DatabaseSettings settings, string path, bool alerts)
    {
        var importer = new Importer(settings, TimeProvider.System);
        var watch = Stopwatch.StartNew();
        var result = await importer.RunAsync(importer.KindFor("coverage-events")!, path, new ImportOptions(Alerts: alerts), new NoProgress(), CancellationToken.None);
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  alerts {(alerts ? "on" : "off")}: {result.Accepted:N0} accepted, {result.Rejected:N0} rejected"));
        return seconds;
    }

    private static async Task<long> CountAlertsAsync(DatabaseSettings settings)
    {
        await using var store = await RecordStore.OpenAsync(settings);
        await using var command = store.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM record_alerts";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
