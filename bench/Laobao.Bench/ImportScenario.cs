using System.Diagnostics;
using System.Globalization;
using Laobao.Ops.Import;
using Laobao.Ops.Seed;
using Laobao.Web.Data;
using Laobao.Web.Data.Bulk;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sylvan.Data.Csv;

namespace Laobao.Bench;

/// <summary>
/// Import rows/s for each file kind against the raw bulk path (binary COPY on PostgreSQL, prepared inserts in
/// one transaction on SQLite) loading the same rows of the same files into a fresh store, without validation.
/// </summary>
internal static class ImportScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var provider = BenchOptions.Provider(args);
        var persons = BenchOptions.GetInt(args, "--persons", 20_000);
        var rounds = BenchOptions.GetInt(args, "--repeat", 1);
        var folder = Directory.CreateTempSubdirectory("laobao-bench-import-").FullName;
        Console.WriteLine($"machine: {BenchOptions.Machine()}");
        try
        {
            var plan = new SeedPlan(persons, 1, SeedCommand.DefaultAsOf, 24);
            await SeedCsvWriter.WriteAsync(plan, folder, CancellationToken.None);
            var files = SeedCsvWriter.Files.OrderBy(f => Order(f.Kind)).ToList();
            var best = files.ToDictionary(f => f.Kind, _ => new Timing(0, double.MaxValue, double.MaxValue, double.MaxValue, double.MaxValue));
            var loads = new List<string>();

            // Each round loads every file into two fresh stores; the fastest round of each figure is kept, the one
            // least disturbed by whatever else the machine was doing.
            for (var round = 1; round <= rounds; round++)
            {
                loads.Add(LoadAverage());
                Console.WriteLine($"round {round} of {rounds}, load average {loads[^1]}");
                var importStore = await BenchStores.FreshAsync(provider, args, folder, "laobao_bench", $"import{round}");
                var rawStore = await BenchStores.FreshAsync(provider, args, folder, "laobao_bench", $"raw{round}");
                foreach (var (kind, table) in files)
                {
                    var path = SeedCsvWriter.PathFor(folder, kind);
                    var importer = new Importer(importStore, TimeProvider.System);
                    var cpu = Cpu();
                    var watch = Stopwatch.StartNew();
                    var result = await importer.RunAsync(importer.KindFor(kind)!, path, new ImportOptions(), new NoProgress(), CancellationToken.None);
                    var importSeconds = watch.Elapsed.TotalSeconds;
                    var importCpu = Cpu() - cpu;
                    if (result.Rejected > 0)
                    {
                        throw new InvalidOperationException($"{kind}: {result.Rejected} rows rejected, see {result.RejectsPath}");
                    }

                    cpu = Cpu();
                    watch.Restart();
                    var rows = await RawLoadAsync(rawStore, table, path);
                    var rawSeconds = watch.Elapsed.TotalSeconds;
                    var rawCpu = Cpu() - cpu;
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {kind}: {rows:N0} rows, import {importSeconds:F2} s ({importCpu:F2} s CPU), raw {rawSeconds:F2} s ({rawCpu:F2} s CPU)"));
                    var b = best[kind];
                    best[kind] = new Timing(rows, Math.Min(b.Import, importSeconds), Math.Min(b.Raw, rawSeconds), Math.Min(b.ImportCpu, importCpu), Math.Min(b.RawCpu, rawCpu));
                }

                await BenchStores.DropAsync(importStore);
                await BenchStores.DropAsync(rawStore);
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{provider}, {persons:N0} synthetic persons, fastest of {rounds} round(s); load average at the start of each round: {string.Join(" / ", loads)}, at the end: {LoadAverage()}"));
            // On a shared machine the wall clock also counts waiting for a core; the CPU time this process used
            // does not (on SQLite the database engine runs inside it; PostgreSQL's server CPU is not counted).
            Console.WriteLine("| file | rows | laobao import rows/s | raw bulk rows/s | import / raw | import / raw, CPU time of this process |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            foreach (var (kind, _) in files)
            {
                var t = best[kind];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {kind} | {t.Rows:N0} | {t.Rows / t.Import:N0} | {t.Rows / t.Raw:N0} | {t.Raw / t.Import:P0} | {t.RawCpu / t.ImportCpu:P0} |"));
            }

            var all = best.Values.Aggregate((a, b) => new Timing(a.Rows + b.Rows, a.Import + b.Import, a.Raw + b.Raw, a.ImportCpu + b.ImportCpu, a.RawCpu + b.RawCpu));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| **all five files** | {all.Rows:N0} | **{all.Rows / all.Import:N0}** | **{all.Rows / all.Raw:N0}** | **{all.Raw / all.Import:P0}** | **{all.RawCpu / all.ImportCpu:P0}** |"));
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Timing(long Rows, double Import, double Raw, double ImportCpu, double RawCpu);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static int Order(string kind) => kind switch
    {
        "persons" => 0,
        "units" => 1,
        "coverage-events" => 2,
        "pension-contributions" => 3,
        _ => 4,
    };

    /// <summary>The floor of the comparison: parse the same file into typed rows and bulk-insert them, nothing else.</summary>
    private static async Task<long> RawLoadAsync(DatabaseSettings settings, BulkTable table, string path)
    {
        await using var store = await RecordStore.OpenAsync(settings);
        await store.BeginAsync();
        long rows = 0;
        await store.InsertAsync(table, Rows());
        await store.CommitAsync();
        return rows;

        IEnumerable<object?[]> Rows()
        {
            using var reader = CsvDataReader.Create(path);
            while (reader.Read())
            {
                var row = new object?[table.Columns.Count];
                for (var i = 0; i < row.Length; i++)
                {
                    var text = reader.GetString(i);
                    row[i] = text.Length == 0 ? null : table.Columns[i].Type switch
                    {
                        BulkType.Text => text,
                        BulkType.Date => DateOnly.ParseExact(text.Length == 7 ? text + "-01" : text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                        BulkType.Int => int.Parse(text, CultureInfo.InvariantCulture),
                        _ => long.Parse(text, CultureInfo.InvariantCulture),
                    };
                }

                rows++;
                yield return row;
            }
        }
    }
}
