using System.Diagnostics;
using System.Globalization;
using Laobao.Ops.Pki;
using Laobao.Web.Data;
using Laobao.Web.Data.Coverage;
using Laobao.Web.Data.Entities;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Features.Statements;
using Laobao.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Bench;

/// <summary>
/// Server CPU per issued statement (read, render, embed the font subset, sign with RSA-2048, hash, store) on one
/// thread, for a typical record (two employers) and a 40-year, 30-employer record; the baseline in the same run is
/// the inquiry read alone, which every statement starts with. Figures are process CPU time, so they hold per core.
/// </summary>
internal static class StatementScenario
{
    private const string Typical = "F223344558";
    private const string Long = "E188776653";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.SkipWhile(a => a != "--count").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(40);
        var folder = Directory.CreateTempSubdirectory("laobao-bench-statements-").FullName;
        try
        {
            var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "laobao.db")}");
            await using (var db = settings.CreateContext())
            {
                await db.Database.MigrateAsync();
                await SeedAsync(db);
            }

            using var pki = DocumentSigningPki.Create(TimeProvider.System);
            using var signer = StatementSigner.For(pki.Signer, [pki.Ca]);
            Console.WriteLine($"load average before: {LoadAverage()}; {Environment.ProcessorCount} logical cores; {count} statements per case, one thread");
            foreach (var (name, id, kind) in new[] { ("typical coverage", Typical, StatementKinds.Coverage), ("typical pension", Typical, StatementKinds.Pension), ("40-year coverage", Long, StatementKinds.Coverage), ("40-year pension", Long, StatementKinds.Pension) })
            {
                var baseline = await MeasureAsync(settings, count, async db => await new PersonInquiryReader(db, TimeProvider.System).ReadAsync(id));
                var pages = 0;
                var cpu = await MeasureAsync(settings, count, async db =>
                {
                    var s = await Service(db, signer).IssueAsync(id, kind, null, CancellationToken.None);
                    pages = CountPages(s!.Pdf);
                });
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: {cpu:F1} ms CPU per statement ({pages} pages) -> {1000 / cpu:F1} statements/s per core; baseline inquiry read {baseline:F2} ms CPU; ratio {cpu / baseline:F0}x"));
            }

            Console.WriteLine($"load average after: {LoadAverage()}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static StatementService Service(LaobaoDbContext db, StatementSigner signer) => new(
        db, new PersonInquiryReader(db, TimeProvider.System), signer, Options.Create(new StatementOptions()),
        Options.Create(new DeskOptions { Origin = "https://laobao.example" }), TimeProvider.System);

    /// <summary>Median process CPU time of one call, in ms, after a warm-up of five calls.</summary>
    private static async Task<double> MeasureAsync(DatabaseSettings settings, int count, Func<LaobaoDbContext, Task> step)
    {
        var samples = new List<double>();
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < count + 5; i++)
        {
            await using var db = settings.CreateContext();
            process.Refresh();
            var before = process.TotalProcessorTime;
            await step(db);
            process.Refresh();
            if (i >= 5)
            {
                samples.Add((process.TotalProcessorTime - before).TotalMilliseconds);
            }
        }

        samples.Sort();
        return samples[samples.Count / 2];
    }

    private static int CountPages(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static async Task SeedAsync(LaobaoDbContext db)
    {
        db.Persons.Add(new Person { IdNumber = Typical, Name = "林美華", NameLatin = "LIN Mei-hua", BirthDate = new(1988, 4, 5), Nationality = "TW", Residence = Codes.Citizen, PensionScheme = Codes.SchemeNew, PensionSince = new(2010, 9, 1) });
        db.Persons.Add(new Person { IdNumber = Long, Name = "張志明", NameLatin = "CHANG Chih-ming", BirthDate = new(1962, 11, 20), Nationality = "TW", Residence = Codes.Citizen, PensionScheme = Codes.SchemeNew, PensionSince = new(2005, 7, 1) });
        var events = new List<CoverageEvent>
        {
            new() { IdNumber = Typical, UnitCode = "310000001", Event = Codes.Enrol, Date = new(2010, 9, 1), Kinds = "labour+employment", InsuredSalary = 26400 },
            new() { IdNumber = Typical, UnitCode = "310000001", Event = Codes.Adjust, Date = new(2013, 1, 1), Kinds = "labour+employment", InsuredSalary = 30300 },
            new() { IdNumber = Typical, UnitCode = "310000001", Event = Codes.Withdraw, Date = new(2016, 6, 30), Kinds = "labour+employment" },
            new() { IdNumber = Typical, UnitCode = "310000002", Event = Codes.Enrol, Date = new(2016, 7, 1), Kinds = "labour+employment", InsuredSalary = 38200 },
        };
        db.InsuredUnits.Add(new InsuredUnit { UnitCode = "310000001", Name = "和平文具股份有限公司", NameLatin = "Heping Stationery Co., Ltd." });
        db.InsuredUnits.Add(new InsuredUnit { UnitCode = "310000002", Name = "新竹精密機械有限公司", NameLatin = "Hsinchu Precision Machinery Ltd." });
        var start = new DateOnly(1985, 1, 1);
        for (var i = 0; i < 30; i++)
        {
            var unit = (420000000 + i).ToString(CultureInfo.InvariantCulture);
            db.InsuredUnits.Add(new InsuredUnit { UnitCode = unit, Name = $"第{i + 1}號國際貿易暨科技顧問股份有限公司", NameLatin = $"Number {i + 1} International Trading and Technology Consulting Corporation" });
            var kinds = start >= new DateOnly(2022, 5, 1) ? "labour+occupational+employment" : start >= new DateOnly(1999, 1, 1) ? "labour+employment" : "labour";
            events.Add(new() { IdNumber = Long, UnitCode = unit, Event = Codes.Enrol, Date = start, Kinds = kinds, InsuredSalary = 20000 + (i * 800) });
            events.Add(new() { IdNumber = Long, UnitCode = unit, Event = Codes.Adjust, Date = start.AddMonths(8), Kinds = kinds, InsuredSalary = 20400 + (i * 800) });
            if (i < 29)
            {
                var end = start.AddMonths(i == 28 ? 30 : 16).AddDays(-1);
                events.Add(new() { IdNumber = Long, UnitCode = unit, Event = Codes.Withdraw, Date = end, Kinds = kinds });
                start = end.AddDays(1);
            }
        }

        db.CoverageEvents.AddRange(events);
        foreach (var person in events.GroupBy(e => e.IdNumber))
        {
            var (segments, _) = CoverageTimeline.Replay(person.Select(e => new TimelineEvent(e.UnitCode, e.Event, e.Date, e.Kinds, e.InsuredSalary)));
            db.CoverageSegments.AddRange(segments.Select(s => new CoverageSegment
            {
                IdNumber = person.Key, UnitCode = s.UnitCode, Kind = s.Kind, PeriodStart = s.PeriodStart, PeriodEnd = s.PeriodEnd,
                SegmentStart = s.SegmentStart, SegmentEnd = s.SegmentEnd, InsuredSalary = s.InsuredSalary,
            }));
        }

        for (var month = new DateOnly(2005, 7, 1); month < new DateOnly(2026, 1, 1); month = month.AddMonths(1))
        {
            db.PensionContributions.Add(new PensionContribution { IdNumber = Long, UnitCode = "420000020", Month = month, Wage = 40000, EmployerAmount = 2400 });
            if (month >= new DateOnly(2016, 7, 1))
            {
                db.PensionContributions.Add(new PensionContribution { IdNumber = Typical, UnitCode = "310000002", Month = month, Wage = 38200, EmployerAmount = 2292 });
            }
        }

        await db.SaveChangesAsync();
    }
}
