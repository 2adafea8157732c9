using System.Globalization;
using Laobao.Web.Data;
using Laobao.Web.Data.Coverage;
using Laobao.Web.Data.Entities;

namespace Laobao.Web.Tests.Features.Statements;

/// <summary>
/// Two people for the statement tests, stored the way the importer stores them (events, the segments replayed
/// from them, pension rows): a short record and a 40-year career across 30 employers.
/// </summary>
public static class StatementPeople
{
    /// <summary>林美華 / LIN Mei-hua: two employers, one salary adjustment, new pension scheme.</summary>
    public const string Short = "F223344558";

    /// <summary>張志明 / CHANG Chih-ming: 1985–2025 across 30 employers, each with a raise; pension since 2005-07.</summary>
    public const string Long = "E188776653";

    public static readonly DateOnly AsOf = new(2026, 3, 1);

    public static async Task AddAsync(LaobaoDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Persons.Add(new Person { IdNumber = Short, Name = "林美華", NameLatin = "LIN Mei-hua", BirthDate = new(1988, 4, 5), Nationality = "TW", Residence = Codes.Citizen, PensionScheme = Codes.SchemeNew, PensionSince = new(2010, 9, 1) });
        db.Persons.Add(new Person { IdNumber = Long, Name = "張志明", NameLatin = "CHANG Chih-ming", BirthDate = new(1962, 11, 20), Nationality = "TW", Residence = Codes.Citizen, PensionScheme = Codes.SchemeNew, PensionSince = new(2005, 7, 1) });

        var events = new List<CoverageEvent>
        {
            Event(Short, "310000001", Codes.Enrol, new(2010, 9, 1), "labour+employment", 26400),
            Event(Short, "310000001", Codes.Adjust, new(2013, 1, 1), "labour+employment", 30300),
            Event(Short, "310000001", Codes.Withdraw, new(2016, 6, 30), "labour+employment", null),
            Event(Short, "310000002", Codes.Enrol, new(2016, 7, 1), "labour+employment", 38200),
        };
        db.InsuredUnits.Add(new InsuredUnit { UnitCode = "310000001", Name = "和平文具股份有限公司", NameLatin = "Heping Stationery Co., Ltd." });
        db.InsuredUnits.Add(new InsuredUnit { UnitCode = "310000002", Name = "新竹精密機械有限公司", NameLatin = "Hsinchu Precision Machinery Ltd." });

        // 30 employers one after another from 1985-01-01, 16 months each (the 29th 30 months, from 2022-05-01 with occupational cover), a raise after 8 months; the last one open since 2024-11-01.
        var start = new DateOnly(1985, 1, 1);
        for (var i = 0; i < 30; i++)
        {
            var unit = (420000000 + i).ToString(CultureInfo.InvariantCulture);
            db.InsuredUnits.Add(new InsuredUnit
            {
                UnitCode = unit,
                Name = $"第{i + 1}號國際貿易暨科技顧問股份有限公司",
                NameLatin = $"Number {i + 1} International Trading and Technology Consulting Corporation",
            });
            var kinds = start >= new DateOnly(2022, 5, 1) ? "labour+occupational+employment" : start >= new DateOnly(1999, 1, 1) ? "labour+employment" : "labour";
            var end = i == 29 ? (DateOnly?)null : start.AddMonths(i == 28 ? 30 : 16).AddDays(-1);
            events.Add(Event(Long, unit, Codes.Enrol, start, kinds, 20000 + (i * 800)));
            events.Add(Event(Long, unit, Codes.Adjust, start.AddMonths(8), kinds, 20400 + (i * 800)));
            if (end is { } e)
            {
                events.Add(Event(Long, unit, Codes.Withdraw, e, kinds, null));
                start = e.AddDays(1);
            }
        }

        db.CoverageEvents.AddRange(events);
        foreach (var person in events.GroupBy(e => e.IdNumber))
        {
            var (segments, conflict) = CoverageTimeline.Replay(person.Select(e => new TimelineEvent(e.UnitCode, e.Event, e.Date, e.Kinds, e.InsuredSalary)));
            Assert.Null(conflict);
            db.CoverageSegments.AddRange(segments.Select(s => new CoverageSegment
            {
                IdNumber = person.Key, UnitCode = s.UnitCode, Kind = s.Kind, PeriodStart = s.PeriodStart, PeriodEnd = s.PeriodEnd,
                SegmentStart = s.SegmentStart, SegmentEnd = s.SegmentEnd, InsuredSalary = s.InsuredSalary,
            }));
        }

        for (var month = new DateOnly(2016, 7, 1); month < new DateOnly(2026, 1, 1); month = month.AddMonths(1))
        {
            db.PensionContributions.Add(new PensionContribution { IdNumber = Short, UnitCode = "310000002", Month = month, Wage = 38200, EmployerAmount = 2292, VoluntaryAmount = month.Year >= 2020 ? 1146 : 0 });
        }

        foreach (var e in events.Where(e => e.IdNumber == Long && e.Event == Codes.Enrol && e.Date >= new DateOnly(2003, 1, 1)))
        {
            for (var month = Max(e.Date, new DateOnly(2005, 7, 1)); month < e.Date.AddMonths(16) && month < new DateOnly(2026, 1, 1); month = month.AddMonths(1))
            {
                var wage = e.InsuredSalary!.Value + 400;
                db.PensionContributions.Add(new PensionContribution { IdNumber = Long, UnitCode = e.UnitCode, Month = month, Wage = wage, EmployerAmount = wage * 6 / 100, VoluntaryAmount = 0 });
            }
        }

        for (var year = 2006; year <= 2025; year++)
        {
            db.PensionEarnings.Add(new PensionEarning { IdNumber = Long, Year = year, Amount = year == 2022 ? -3150 : 1200 + (year * 3 % 700) });
        }

        db.PensionEarnings.Add(new PensionEarning { IdNumber = Short, Year = 2025, Amount = 980 });
        await db.SaveChangesAsync();
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static CoverageEvent Event(string id, string unit, string kind, DateOnly date, string kinds, int? salary) =>
        new() { IdNumber = id, UnitCode = unit, Event = kind, Date = date, Kinds = kinds, InsuredSalary = salary };
}
