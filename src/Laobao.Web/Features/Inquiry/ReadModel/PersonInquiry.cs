using Laobao.Domain.Coverage;
using Laobao.Domain.Pension;

namespace Laobao.Web.Features.Inquiry.ReadModel;

/// <summary>Everything one person's inquiry shows (個人查詢): who, coverage (投保資料), pension account (勞工退休金個人專戶).</summary>
public sealed record PersonInquiry(PersonSummary Person, CoverageInquiry Coverage, PensionInquiry Pension);

/// <summary>The person as stored. <see cref="Residence"/> is the CSV word citizen, arc or aprc.</summary>
public sealed record PersonSummary(
    string IdNumber, string MaskedIdNumber, string Name, string? NameLatin, DateOnly BirthDate, string Nationality, string Residence);

/// <summary>One period of cover at one unit for one kind; adjustments split it into salary stretches.</summary>
public sealed record CoveragePeriodView(
    string UnitCode, string UnitName, string? UnitNameLatin, InsuranceKind Kind, DateOnly Start, DateOnly? End,
    IReadOnlyList<InsuredSalaryView> Salaries)
{
    public bool IsOpen => End is null;

    /// <summary>The salary of the last stretch: the current one while the period is open.</summary>
    public int LatestInsuredSalary => Salaries[^1].InsuredSalary;
}

public sealed record InsuredSalaryView(DateOnly From, DateOnly? To, int InsuredSalary);

/// <summary>Seniority and status of one kind as of the inquiry's date; with several current units, the highest insured salary.</summary>
public sealed record KindStatus(
    InsuranceKind Kind, Seniority Seniority, bool InsuredNow, IReadOnlyList<string> CurrentUnitCodes, int? CurrentInsuredSalary, DateOnly? LastEnd);

public sealed record CoverageInquiry(DateOnly AsOf, IReadOnlyList<CoveragePeriodView> Periods, IReadOnlyList<KindStatus> Kinds)
{
    public bool InsuredNow => Kinds.Any(k => k.InsuredNow);
}

public sealed record MonthlyContribution(
    DateOnly Month, string UnitCode, string UnitName, string? UnitNameLatin, int Wage, int EmployerAmount, int VoluntaryAmount);

public sealed record YearlyEarning(int Year, long Amount);

/// <summary>Employer contributions + voluntary contributions + credited earnings = balance.</summary>
public sealed record PensionTotals(long Employer, long Voluntary, long Earnings)
{
    public long Balance => Employer + Voluntary + Earnings;
}

/// <summary>Why a pension page has no rows; the pages turn the code into a sentence in each language.</summary>
public enum PensionExplanationCode
{
    /// <summary>The person keeps the old scheme (舊制): no individual account.</summary>
    OldScheme,

    /// <summary>A citizen with no new-scheme record (e.g. never employed under it).</summary>
    NoScheme,

    /// <summary>A foreign resident who is eligible only as a foreign spouse or APRC holder (<see cref="PensionExplanation.EligibleFrom"/>).</summary>
    ResidenceNotEligible,

    /// <summary>In the new scheme, but nothing contributed yet.</summary>
    NoContributionsYet,
}

public sealed record PensionExplanation(PensionExplanationCode Code, DateOnly? EligibleFrom);

public sealed record PensionInquiry(
    PensionScheme Scheme, DateOnly? Since, IReadOnlyList<MonthlyContribution> Contributions, IReadOnlyList<YearlyEarning> Earnings,
    PensionTotals Totals, PensionExplanation? Explanation);
