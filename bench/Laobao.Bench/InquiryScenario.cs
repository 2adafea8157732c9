using System.Diagnostics;
using System.Globalization;
using Laobao.Web.Data;
using Laobao.Web.Data.Bulk;
using Laobao.Web.Features.Inquiry.ReadModel;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Bench;

/// <summary>
/// One-person inquiry latency on an existing (seeded) store: a fresh DbContext per inquiry, as a request scope
/// would have, over random persons; prints p50/p90/p99/max. Each inquiry alternates with a baseline measured in the
/// same run: the same person's row alone by primary key, through a fresh DbContext too, so a loaded machine shows
/// in both and the ratio says what the inquiry's four queries cost on top of one.
/// </summary>
internal static class InquiryScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var provider = BenchOptions.Provider(args);
        var connection = BenchOptions.Get(args, "--connection") ?? throw new ArgumentException("--connection CONNECTION is needed");
        var samples = BenchOptions.GetInt(args, "--samples", 2000);
        var settings = new DatabaseSettings(provider, connection);
        Console.WriteLine($"machine: {BenchOptions.Machine()}");

        List<string> ids;
        long persons;
        await using (var store = await RecordStore.OpenAsync(settings))
        {
            persons = await store.CountAsync(RecordTables.Persons);
            await using var command = store.Connection.CreateCommand();
            // Every 97th person in key order, then shuffled: spread over the whole table without a full sort by random().
            command.CommandText = "SELECT id_number FROM persons ORDER BY id_number";
            ids = [];
            await using var reader = await command.ExecuteReaderAsync();
            var n = 0;
            while (await reader.ReadAsync())
            {
                if (n++ % 97 == 0)
                {
                    ids.Add(reader.GetString(0));
                }
            }
        }

        var random = new Random(42);
        var picks = Enumerable.Range(0, samples + 200).Select(_ => ids[random.Next(ids.Count)]).ToList();
        var asOf = new DateOnly(2026, 10, 31);
        var times = new List<double>(samples);
        var baseline = new List<double>(samples);
        long periods = 0, contributions = 0;
        var loadAtStart = LoadAverage();
        for (var i = 0; i < picks.Count; i++)
        {
            var watch = Stopwatch.StartNew();
            await using (var db = settings.CreateContext())
            {
                var inquiry = await new PersonInquiryReader(db, TimeProvider.System).ReadAsync(picks[i], asOf)
                    ?? throw new InvalidOperationException("a sampled person is missing");
                watch.Stop();
                if (i >= 200)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                    periods += inquiry.Coverage.Periods.Count;
                    contributions += inquiry.Pension.Contributions.Count;
                }
            }

            watch.Restart();
            await using (var db = settings.CreateContext())
            {
                var id = picks[i];
                _ = await db.Persons.AsNoTracking().Where(p => p.IdNumber == id).Select(p => p.Name).FirstAsync();
                watch.Stop();
                if (i >= 200)
                {
                    baseline.Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }

        times.Sort();
        baseline.Sort();
        static double P(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{provider}, {persons:N0} persons, {samples:N0} inquiries after 200 warm-up (avg {periods / (double)samples:F1} periods, {contributions / (double)samples:F1} contributions each), load average {loadAtStart} at the start, {LoadAverage()} at the end"));
        Console.WriteLine("| | p50 | p90 | p99 | max |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| one-person inquiry | {P(times, 0.50):F2} ms | {P(times, 0.90):F2} ms | {P(times, 0.99):F2} ms | {times[^1]:F2} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| baseline: the person's row by primary key | {P(baseline, 0.50):F2} ms | {P(baseline, 0.90):F2} ms | {P(baseline, 0.99):F2} ms | {baseline[^1]:F2} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| inquiry / baseline | {P(times, 0.50) / P(baseline, 0.50):F1}× | {P(times, 0.90) / P(baseline, 0.90):F1}× | {P(times, 0.99) / P(baseline, 0.99):F1}× | |"));
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
