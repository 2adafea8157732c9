namespace Laobao.Client;

/// <summary>
/// The figures of SPEC §9, field for field: <c>laobao estimate --json</c> prints this object, and the API and the
/// pages carry the same one, so the three never disagree. On the API <see cref="IdNumber"/> is masked.
/// </summary>
public sealed record EstimateFigures(
    string IdNumber,
    string AsOf,
    int SeniorityDays,
    decimal InsuredYears,
    int? AverageInsuredSalary,
    int LegalClaimAge,
    AnnuityFigures Annuity,
    LumpSumFigures LumpSum,
    OldSystemLumpSumFigures OldSystemLumpSum);

public sealed record AnnuityFigures(bool Eligible, int? FormulaA, int? FormulaB, int? Monthly, IReadOnlyList<ClaimAgeFigures> ByClaimAge);

public sealed record ClaimAgeFigures(int Age, int Percent, int Monthly);

public sealed record LumpSumFigures(bool Eligible, int? Amount);

public sealed record OldSystemLumpSumFigures(bool Available, int? AverageInsuredSalary, decimal? Months, int? Amount);

/// <summary>
/// <c>GET /api/v1/me/estimates</c>: the SPEC §9 figures, the scenario asked for, the labour-pension projection, and
/// "how this was worked out". <see cref="Notice"/> is a sentence for a person the table has nothing for (no labour
/// cover, or past every age of it); the figures are then still present but not eligible. <see cref="PensionNotice"/>
/// says why there is no <see cref="Pension"/> projection.
/// </summary>
public sealed record EstimateReport(
    EstimateFigures Figures,
    DateView AsOf,
    DateView BirthDate,
    int Age,
    DateView LegalClaimDate,
    ClaimChoiceView? Chosen,
    KeepWorkingView? KeepWorking,
    BreakEvenView? BreakEven,
    PensionProjectionView? Pension,
    EstimateExplanation Explanation,
    IReadOnlyList<AssumptionView> Assumptions,
    string? Notice,
    string? PensionNotice);

/// <summary>The claim age the person chose and what the annuity is then.</summary>
public sealed record ClaimChoiceView(int Age, int Percent, int Monthly, DateView From);

/// <summary>"If I keep working at my current insured salary until age N": the same figures on the extended record.</summary>
public sealed record KeepWorkingView(int UntilAge, DateView LastDay, int InsuredSalary, EstimateFigures Figures);

/// <summary>Annuity against the lump sum taken instead: after <see cref="Months"/> payments the annuity has paid more.</summary>
public sealed record BreakEvenView(
    int ClaimAge, int Monthly, int LumpSum, string LumpSumKind, int Months, int AgeYears, int AgeMonths, IReadOnlyList<BreakEvenPointView> Points, string Sentence);

public sealed record BreakEvenPointView(int Age, long AnnuityPaid, long LumpSum);

/// <summary>The labour-pension account (new scheme) projected to the claim (Labor Pension Act Art. 14, 23, 24).</summary>
public sealed record PensionProjectionView(
    long BalanceToday,
    int ClaimAge,
    DateView ClaimDate,
    int FutureMonths,
    long FutureEmployer,
    long FutureVoluntary,
    long FutureEarnings,
    long BalanceAtClaim,
    decimal ContributionYears,
    bool MonthlyPension,
    int? Monthly,
    long? LumpSum,
    int? Wage,
    string Sentence);

/// <summary>
/// How the figures were worked out: the months averaged (their list), which formula won and why, and the articles;
/// each sentence in the language asked for.
/// </summary>
public sealed record EstimateExplanation(
    IReadOnlyList<InsuredMonthView> AveragedMonths,
    int CoveredMonths,
    string Seniority,
    string Average,
    string Formula,
    string ClaimAge,
    string LumpSum,
    string OldSystem,
    IReadOnlyList<string> Articles,
    IReadOnlyList<InsuredMonthView> OldSystemMonths);

public sealed record InsuredMonthView(MonthView Month, int Salary);

/// <summary>One assumption behind a figure, with a stable key, its label and the value used.</summary>
public sealed record AssumptionView(string Key, string Label, string Value);

/// <summary>Problem codes of the estimates API; the problem's <c>parameter</c> names the query parameter at fault.</summary>
public static class EstimateErrorCodes
{
    public const string ScenarioInvalid = "scenario-invalid";
}
