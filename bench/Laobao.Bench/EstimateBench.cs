using System.Diagnostics;
using System.Globalization;
using Laobao.Web.Data;
using Laobao.Web.Data.Bulk;
using Laobao.Web.Features.Estimates;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Localization;

namespace Laobao.Bench;

/// <summary>
/// The old-age estimate of one person (the inquiry's read, then the SPEC §9 rules, the scenario and the report with
/// its explanation) against the one-person inquiry, alternating on the same random persons in the same run, each
/// through a fresh DbContext as a request scope would have. Prints p50/p90/p99/max and the ratio.
/// </summary>
internal static class EstimateBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var provider = BenchOptions.Provider(args);
        var connection = BenchOptions.Get(args, "--connection") ?? throw new ArgumentException("--connection CONNECTION is needed");
        var samples = BenchOptions.GetInt(args, "--samples", 2000);
        var settings = new DatabaseSettings(provider, connection);
        Console.WriteLine($"machine: {BenchOptions.Machine()}");

        List<string> ids = [];
        long persons;
        await using (var store = await RecordStore.OpenAsync(settings))
        {
            persons = await store.CountAsync(RecordTables.Persons);
            await using var command = store.Connection.CreateCommand();
            command.CommandText = "SELECT id_number FROM persons ORDER BY id_number";
            await using var reader = await command.ExecuteReaderAsync();
            var n = 0;
            while (await reader.ReadAsync())
            {
                if (n++ % 7 == 0)
                {
                    ids.Add(reader.GetString(0));
                }
            }
        }

        var random = new Random(42);
        var picks = Enumerable.Range(0, samples + 200).Select(_ => ids[random.Next(ids.Count)]).ToList();
        var asOf = new DateOnly(2026, 10, 31);
        var scenario = new Laobao.Web.Features.Estimates.EstimateScenario(null, 65, 6m, null, null);
        var inquiries = new List<double>(samples);
        var estimates = new List<double>(samples);
        long eligible = 0;
        var loadAtStart = LoadAverage();
        for (var i = 0; i < picks.Count; i++)
        {
            // Alternate which goes first, so neither always finds the other's pages warm.
            for (var round = 0; round < 2; round++)
            {
                var estimateNow = (round == 0) == (i % 2 == 0);
                var watch = Stopwatch.StartNew();
                await using (var db = settings.CreateContext())
                {
                    var inquiry = await new PersonInquiryReader(db, TimeProvider.System).ReadAsync(picks[i], asOf)
                        ?? throw new InvalidOperationException("a sampled person is missing");
                    if (estimateNow)
                    {
                        var work = EstimateService.Work(inquiry, asOf, scenario);
                        var report = EstimateService.Report(work, UiLanguage.ZhTw);
                        eligible += report.Figures.Annuity.Eligible ? 1 : 0;
                    }
                }

                watch.Stop();
                if (i >= 200)
                {
                    (estimateNow ? estimates : inquiries).Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }

        // What the estimate adds on top of the read, alone: the rules, the scenario and the report for already-read
        // records, repeated so the figure is CPU on one thread, not the database's latency.
        var readBack = new List<PersonInquiry>();
        foreach (var id in picks.Take(200))
        {
            await using var db = settings.CreateContext();
            readBack.Add(await new PersonInquiryReader(db, TimeProvider.System).ReadAsync(id, asOf)
                ?? throw new InvalidOperationException("a sampled person is missing"));
        }

        const int repeats = 20;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var rulesWatch = Stopwatch.StartNew();
        for (var r = 0; r < repeats; r++)
        {
            foreach (var inquiry in readBack)
            {
                EstimateService.Report(EstimateService.Work(inquiry, asOf, scenario), UiLanguage.ZhTw);
            }
        }

        rulesWatch.Stop();
        var rulesCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMicroseconds / (repeats * readBack.Count);
        var rulesWall = rulesWatch.Elapsed.TotalMicroseconds / (repeats * readBack.Count);

        inquiries.Sort();
        estimates.Sort();
        static double P(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{provider}, {persons:N0} persons, {samples:N0} of each after 200 warm-up ({eligible / 2.0 / (samples + 200):P0} with an annuity), load average {loadAtStart} at the start, {LoadAverage()} at the end"));
        Console.WriteLine("| | p50 | p90 | p99 | max |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| one-person inquiry (baseline) | {P(inquiries, 0.50):F2} ms | {P(inquiries, 0.90):F2} ms | {P(inquiries, 0.99):F2} ms | {inquiries[^1]:F2} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| one-person estimate (read + rules + report) | {P(estimates, 0.50):F2} ms | {P(estimates, 0.90):F2} ms | {P(estimates, 0.99):F2} ms | {estimates[^1]:F2} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| estimate / inquiry | {P(estimates, 0.50) / P(inquiries, 0.50):F2}× | {P(estimates, 0.90) / P(inquiries, 0.90):F2}× | {P(estimates, 0.99) / P(inquiries, 0.99):F2}× | |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rules + scenario + report alone, on records already read: {rulesWall:F0} µs wall, {rulesCpu:F0} µs process CPU per person (mean of {repeats} × {readBack.Count})"));
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
