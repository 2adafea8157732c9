namespace Laobao.Domain.Estimates;

/// <summary>The formula of Art. 58-1 that gave the annuity: the higher one wins; on a tie, B.</summary>
public enum AnnuityFormula
{
    A,
    B,
}

/// <summary>One claim age of the table: <see cref="Percent"/> of the annuity at the legal age (Art. 58-2).</summary>
public sealed record ClaimAgeFigure(int Age, int Percent, int Monthly, DateOnly From);

/// <summary>The annuity (老年年金); figures are null when <see cref="Eligible"/> is false (under 15 years).</summary>
public sealed record AnnuityEstimate(
    bool Eligible, int? FormulaA, int? FormulaB, int? Monthly, AnnuityFormula? Winner, IReadOnlyList<ClaimAgeFigure> ByClaimAge);

/// <summary>The lump sum (老年一次金) for under 15 years: S × the years counted, at most 5 of them after 60.</summary>
public sealed record LumpSumEstimate(bool Eligible, int? Amount, decimal? YearsCounted, int DaysAfter60NotCounted);

/// <summary>The old-system lump sum (舊制一次請領老年給付), an option for people with seniority before 2009-01-01.</summary>
public sealed record OldSystemEstimate(
    bool Available, int? AverageInsuredSalary, decimal? Months, int? Amount, IReadOnlyList<InsuredMonth> AveragedMonths,
    decimal? YearsBefore60, decimal? YearsAfter60Counted);

/// <summary>
/// The old-age estimate of SPEC §9 from one person's labour record as of <see cref="AsOf"/>, with what made each figure:
/// <see cref="AveragedMonths"/> are the months averaged into <see cref="AverageInsuredSalary"/>.
/// </summary>
public sealed record OldAgeEstimate(
    DateOnly AsOf,
    DateOnly BirthDate,
    int SeniorityDays,
    decimal InsuredYears,
    int WholeYears,
    int ExtraMonths,
    int? AverageInsuredSalary,
    IReadOnlyList<InsuredMonth> CoveredMonths,
    IReadOnlyList<InsuredMonth> AveragedMonths,
    ClaimAgeRow ClaimAge,
    OldAgeParameters Rules,
    AnnuityEstimate Annuity,
    LumpSumEstimate LumpSum,
    OldSystemEstimate OldSystem)
{
    public int LegalClaimAge => ClaimAge.Age;

    public bool HasCoverage => SeniorityDays > 0;

    /// <summary>Age in whole years on <see cref="AsOf"/>.</summary>
    public int AgeOnAsOf => OldAgeEstimator.AgeOn(BirthDate, AsOf);

    /// <summary>True when the person is older than the last age of the table (legal + 5) on <see cref="AsOf"/>.</summary>
    public bool PastEveryAge => AgeOnAsOf > LegalClaimAge + Rules.MaximumYearsEarlyOrLate;
}
