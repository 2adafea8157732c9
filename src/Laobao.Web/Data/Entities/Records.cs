namespace Laobao.Web.Data.Entities;

/// <summary>An insured person (被保險人). The ID number is the natural key and the primary key.</summary>
public sealed class Person
{
    public required string IdNumber { get; set; }
    public required string Name { get; set; }
    public string? NameLatin { get; set; }
    public DateOnly BirthDate { get; set; }
    /// <summary>ISO 3166 alpha-2, upper case.</summary>
    public required string Nationality { get; set; }
    /// <summary>CSV word: citizen, arc or aprc (see <see cref="Codes"/>).</summary>
    public required string Residence { get; set; }
    /// <summary>CSV word: new, old or none.</summary>
    public required string PensionScheme { get; set; }
    /// <summary>Set only when the scheme is new.</summary>
    public DateOnly? PensionSince { get; set; }
}

/// <summary>An insured unit (投保單位) identified by its 9-digit unit code (保險證號).</summary>
public sealed class InsuredUnit
{
    public required string UnitCode { get; set; }
    public required string Name { get; set; }
    public string? NameLatin { get; set; }
}

/// <summary>One enrolment, salary adjustment or withdrawal as the bureau reported it; the source of the periods.</summary>
public sealed class CoverageEvent
{
    public required string IdNumber { get; set; }
    public required string UnitCode { get; set; }
    /// <summary>enrol, adjust or withdraw.</summary>
    public required string Event { get; set; }
    public DateOnly Date { get; set; }
    /// <summary>Canonical '+'-joined kinds in the order labour, occupational, employment.</summary>
    public required string Kinds { get; set; }
    /// <summary>Monthly insured salary; null for a withdrawal.</summary>
    public int? InsuredSalary { get; set; }
}

/// <summary>
/// A stretch of one coverage period (person, unit, kind) at one insured salary. A salary adjustment
/// splits the period into segments without ending it, so every segment repeats the period's start and end.
/// Derived from <see cref="CoverageEvent"/> rows, never imported directly.
/// </summary>
public sealed class CoverageSegment
{
    public required string IdNumber { get; set; }
    public required string UnitCode { get; set; }
    /// <summary>labour, occupational or employment.</summary>
    public required string Kind { get; set; }
    public DateOnly PeriodStart { get; set; }
    /// <summary>Null while the period is open.</summary>
    public DateOnly? PeriodEnd { get; set; }
    public DateOnly SegmentStart { get; set; }
    /// <summary>Null while the segment is the open period's last one.</summary>
    public DateOnly? SegmentEnd { get; set; }
    public int InsuredSalary { get; set; }
}

/// <summary>One month's labour-pension contribution (勞退提繳) by one unit.</summary>
public sealed class PensionContribution
{
    public required string IdNumber { get; set; }
    public required string UnitCode { get; set; }
    /// <summary>First day of the month.</summary>
    public DateOnly Month { get; set; }
    public int Wage { get; set; }
    public int EmployerAmount { get; set; }
    public int VoluntaryAmount { get; set; }
}

/// <summary>Earnings credited to the person's pension account for one year (may be negative).</summary>
public sealed class PensionEarning
{
    public required string IdNumber { get; set; }
    public int Year { get; set; }
    public long Amount { get; set; }
}
