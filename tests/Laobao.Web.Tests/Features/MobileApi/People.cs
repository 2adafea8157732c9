using Laobao.Web.Data;
using Laobao.Web.Data.Entities;

namespace Laobao.Web.Tests.Features.MobileApi;

/// <summary>Hand-made persons whose figures the inquiry tests check by hand.</summary>
public static class People
{
    /// <summary>王小明, citizen, new pension scheme since 2005-07-01, two overlapping careers.</summary>
    public const string Wang = "A123456789";

    /// <summary>陳美, citizen in the old scheme.</summary>
    public const string Chen = "B222222228";

    /// <summary>An old-style ARC holder: the pension act does not cover him.</summary>
    public const string Smith = "AC12345679";

    /// <summary>An APRC holder nobody has contributed for yet.</summary>
    public const string Nguyen = "A800000014";

    public static async Task AddAsync(LaobaoDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Persons.AddRange(
            new Person { IdNumber = Wang, Name = "王小明", BirthDate = new DateOnly(1971, 1, 2), Nationality = "TW", Residence = Codes.Citizen, PensionScheme = Codes.SchemeNew, PensionSince = new DateOnly(2005, 7, 1) },
            new Person { IdNumber = Chen, Name = "陳美", BirthDate = new DateOnly(1960, 5, 6), Nationality = "TW", Residence = Codes.Citizen, PensionScheme = Codes.SchemeOld },
            new Person { IdNumber = Smith, Name = "John Smith", NameLatin = "John Smith", BirthDate = new DateOnly(1985, 10, 10), Nationality = "US", Residence = Codes.Arc, PensionScheme = Codes.SchemeNone },
            new Person { IdNumber = Nguyen, Name = "Nguyen Van An", NameLatin = "Nguyen Van An", BirthDate = new DateOnly(1990, 2, 3), Nationality = "VN", Residence = Codes.Aprc, PensionScheme = Codes.SchemeNone });
        db.InsuredUnits.AddRange(
            new InsuredUnit { UnitCode = "111111111", Name = "甲公司", NameLatin = "Jia Co." },
            new InsuredUnit { UnitCode = "222222222", Name = "乙公司", NameLatin = "Yi Co." });

        // Unit 1, labour + employment 2010-01-01..2012-12-31, salary 30,300 raised to 36,300 on 2011-07-01.
        foreach (var kind in new[] { Codes.Labour, Codes.Employment })
        {
            db.CoverageSegments.Add(Segment("111111111", kind, new(2010, 1, 1), new(2012, 12, 31), new(2010, 1, 1), new(2011, 6, 30), 30300));
            db.CoverageSegments.Add(Segment("111111111", kind, new(2010, 1, 1), new(2012, 12, 31), new(2011, 7, 1), new(2012, 12, 31), 36300));
        }

        // Unit 2, labour only, from 2012-07-01 and still open: overlaps unit 1 for six months.
        db.CoverageSegments.Add(Segment("222222222", Codes.Labour, new(2012, 7, 1), null, new(2012, 7, 1), null, 45800));

        db.PensionContributions.AddRange(
            new PensionContribution { IdNumber = Wang, UnitCode = "222222222", Month = new(2025, 1, 1), Wage = 45800, EmployerAmount = 2748, VoluntaryAmount = 0 },
            new PensionContribution { IdNumber = Wang, UnitCode = "222222222", Month = new(2025, 2, 1), Wage = 45800, EmployerAmount = 2748, VoluntaryAmount = 1374 });
        db.PensionEarnings.Add(new PensionEarning { IdNumber = Wang, Year = 2025, Amount = 120 });
        await db.SaveChangesAsync();
    }

    private static CoverageSegment Segment(string unit, string kind, DateOnly start, DateOnly? end, DateOnly from, DateOnly? to, int salary) => new()
    {
        IdNumber = Wang,
        UnitCode = unit,
        Kind = kind,
        PeriodStart = start,
        PeriodEnd = end,
        SegmentStart = from,
        SegmentEnd = to,
        InsuredSalary = salary,
    };
}
