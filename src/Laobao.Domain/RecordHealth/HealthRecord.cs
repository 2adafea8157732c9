using Laobao.Domain.Coverage;

namespace Laobao.Domain.RecordHealth;

/// <summary>One stretch of cover at one unit for one kind at one insured salary; both ends count, a null end is open.</summary>
public readonly record struct HealthStretch(string UnitCode, InsuranceKind Kind, DateOnly From, DateOnly? To, int InsuredSalary);

/// <summary>One month's labour-pension contribution by one unit; <see cref="Month"/> is the first day of the month.</summary>
public readonly record struct HealthContribution(string UnitCode, DateOnly Month, int Wage, int EmployerAmount);

/// <summary>
/// What the checks read: the person's cover, their pension contributions, and from which day the new pension scheme
/// covered them (null when it never did: old scheme, or a foreign resident the act does not cover).
/// </summary>
public sealed record HealthRecord(
    IReadOnlyList<HealthStretch> Stretches,
    IReadOnlyList<HealthContribution> Contributions,
    DateOnly? PensionEligibleFrom,
    DateOnly AsOf);

/// <summary>
/// One thing that looks wrong, or worth knowing, in a record. <see cref="Months"/> are first days of the months it is
/// about, oldest first; <see cref="From"/>/<see cref="To"/> bound a gap; <see cref="Days"/> is a gap's length or the days
/// still missing to a threshold; <see cref="ReachedOn"/> the day a threshold is reached if cover continues;
/// <see cref="Amount"/> the salary or minimum concerned.
/// </summary>
public sealed record HealthFinding(
    string Code,
    IReadOnlyList<DateOnly> Months,
    string? UnitCode = null,
    DateOnly? From = null,
    DateOnly? To = null,
    int? Days = null,
    DateOnly? ReachedOn = null,
    int? Amount = null);
