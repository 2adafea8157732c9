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
        var folder = Directory.CreateTempSubdirectory("laobao-bench-import-").FullName;
        Console.WriteLine($"machine: {BenchOptions.Machine()}");
        try
        {
            var plan = new SeedPlan(persons, 1, SeedCommand.DefaultAsOf, 24);
            await SeedCsvWriter.WriteAsync(plan, folder, CancellationToken.None);
            var importStore = await FreshStoreAsync(provider, args, folder, "import");
            var rawStore = await FreshStoreAsync(provider, args, folder, "raw");
            var clock = TimeProvider.System;
            Console.WriteLine($"{provider}, {persons:N0} synthetic persons");
            Console.WriteLine("| file | rows | laobao import rows/s | raw bulk rows/s | import / raw |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var (kind, table) in SeedCsvWriter.Files.OrderBy(f => Order(f.Kind)))
            {
                var path = SeedCsvWriter.PathFor(folder, kind);
                var importer = new Importer(importStore, clock);
                var watch = Stopwatch.StartNew();
                var result = await importer.RunAsync(importer.KindFor(kind)!, path, new ImportOptions(), new NoProgress(), CancellationToken.None);
                var importSeconds = watch.Elapsed.TotalSeconds;
                if (result.Rejected > 0)
                {
                    throw new InvalidOperationException($"{kind}: {result.Rejected} rows rejected, see {result.RejectsPath}");
                }

                watch.Restart();
                var rows = await RawLoadAsync(rawStore, table, path);
                var rawSeconds = watch.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {kind} | {rows:N0} | {rows / importSeconds:N0} | {rows / rawSeconds:N0} | {rawSeconds / importSeconds:P0} |"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Order(string kind) => kind switch
    {
        "persons" => 0,
        "units" => 1,
        "coverage-events" => 2,
        "pension-contributions" => 3,
        _ => 4,
    };

    private static async Task<DatabaseSettings> FreshStoreAsync(DatabaseProvider provider, string[] args, string folder, string name)
    {
        DatabaseSettings settings;
        if (provider == DatabaseProvider.Sqlite)
        {
            settings = new DatabaseSettings(provider, $"Data Source={Path.Combine(folder, name + ".db")}");
        }
        else
        {
            var server = BenchOptions.Get(args, "--server") ?? throw new ArgumentException("--server CONNECTION is needed for Postgres");
            var database = $"laobao_bench_{name}_{Environment.ProcessId}";
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = $"DROP DATABASE IF EXISTS {database} WITH (FORCE); CREATE DATABASE {database}";
                await command.ExecuteNonQueryAsync();
            }

            settings = new DatabaseSettings(provider, new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString);
        }

        await using var context = settings.CreateContext();
        await context.Database.MigrateAsync();
        return settings;
    }

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
