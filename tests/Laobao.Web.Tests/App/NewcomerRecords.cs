using Laobao.Web.Data;
using Laobao.Web.Data.Entities;

namespace Laobao.Web.Tests.App;

/// <summary>
/// The records of <see cref="AppDesk.Lan"/> and <see cref="AppDesk.Tran"/>. 阮氏蘭's career: 丙工廠 (Bing Factory) for labour,
/// employment and occupational accident alike 2015-03-01 … 2018-06-30 (26,400, raised to 28,800 on 2017-01-01), a gap,
/// then 丁商行 (Ding Trading) for the same three from 2019-09-01, still open (31,800).
/// </summary>
internal static class NewcomerRecords
{
    public const string FirstUnit = "333333333";
    public const string SecondUnit = "444444444";

    public static void Add(LaobaoDbContext db)
    {
        db.Persons.AddRange(
            new Person { IdNumber = AppDesk.Lan, Name = AppDesk.LanName, NameLatin = AppDesk.LanLatin, BirthDate = new DateOnly(1990, 5, 1), Nationality = "VN", Residence = Codes.Arc, PensionScheme = Codes.SchemeNone },
            new Person { IdNumber = AppDesk.Tran, Name = "陳文明", NameLatin = "Tran Van Minh", BirthDate = new DateOnly(1988, 8, 8), Nationality = "VN", Residence = Codes.Arc, PensionScheme = Codes.SchemeNone });
        db.InsuredUnits.AddRange(
            new InsuredUnit { UnitCode = FirstUnit, Name = "丙工廠", NameLatin = "Bing Factory" },
            new InsuredUnit { UnitCode = SecondUnit, Name = "丁商行", NameLatin = "Ding Trading" });
        foreach (var kind in Codes.AllKinds)
        {
            db.CoverageSegments.Add(Segment(FirstUnit, kind, new(2015, 3, 1), new(2018, 6, 30), new(2015, 3, 1), new(2016, 12, 31), 26400));
            db.CoverageSegments.Add(Segment(FirstUnit, kind, new(2015, 3, 1), new(2018, 6, 30), new(2017, 1, 1), new(2018, 6, 30), 28800));
            db.CoverageSegments.Add(Segment(SecondUnit, kind, new(2019, 9, 1), null, new(2019, 9, 1), null, 31800));
        }
    }

    private static CoverageSegment Segment(string unit, string kind, DateOnly start, DateOnly? end, DateOnly from, DateOnly? to, int salary) => new()
    {
        IdNumber = AppDesk.Lan,
        UnitCode = unit,
        Kind = kind,
        PeriodStart = start,
        PeriodEnd = end,
        SegmentStart = from,
        SegmentEnd = to,
        InsuredSalary = salary,
    };
}
