using System.Globalization;
using Laobao.Client;
using Laobao.Domain.Coverage;
using Laobao.Domain.Estimates;
using Laobao.Domain.Pension;
using Laobao.Web.Features.Inquiry;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Localization;

namespace Laobao.Web.Features.Estimates;

/// <summary>The worked estimate of one person: the domain results the report and the pages are made from.</summary>
public sealed record EstimateWork(
    PersonSummary Person, OldAgeEstimate Estimate, int ClaimAge, KeepWorkingScenario? KeepWorking, BreakEven? BreakEven,
    PensionProjection? Pension, PensionScheme Scheme, EstimateScenario Scenario);

/// <summary>The report, or the scenario value that cannot apply to this person.</summary>
public sealed record EstimateOutcome(EstimateReport? Report, ScenarioProblem? Problem);

/// <summary>
/// 老年給付試算 for one person from the one-person read model (the inquiry's four queries) and the pure rules in
/// Laobao.Domain. The API, the e-desk page and the ops command all call it, so they never disagree.
/// </summary>
public sealed class EstimateService(PersonInquiryReader reader, TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    /// <summary>Null when no person has the ID.</summary>
    public async Task<EstimateWork?> WorkAsync(string idNumber, DateOnly asOf, EstimateScenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var inquiry = await reader.ReadAsync(idNumber, asOf, cancellationToken).ConfigureAwait(false);
        return inquiry is null ? null : Work(inquiry, asOf, scenario);
    }

    public async Task<EstimateOutcome?> ReportAsync(string idNumber, DateOnly asOf, EstimateScenario scenario, UiLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var inquiry = await reader.ReadAsync(idNumber, asOf, cancellationToken).ConfigureAwait(false);
        if (inquiry is null)
        {
            return null;
        }

        if (Check(inquiry.Person.BirthDate, asOf, scenario) is { } problem)
        {
            return new EstimateOutcome(null, problem);
        }

        return new EstimateOutcome(Report(Work(inquiry, asOf, scenario), language), null);
    }

    /// <summary>The scenario values that depend on the person: the claim age within legal ± 5, a work-until age still ahead.</summary>
    public static ScenarioProblem? Check(DateOnly birthDate, DateOnly asOf, EstimateScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var legal = OldAgeRules.LegalClaimAge(birthDate.Year);
        var span = OldAgeRules.On(asOf).MaximumYearsEarlyOrLate;
        if (scenario.ClaimAge is { } claim && (claim < legal - span || claim > legal + span))
        {
            return new ScenarioProblem(
                EstimateScenarioParser.ClaimAge,
                Invariant($"claimAge must be from {legal - span} to {legal + span} for you (legal claim age {legal}, Labour Insurance Act Art. 58, 58-2); {claim} is not."),
                Invariant($"claimAge 對您而言須介於 {legal - span} 到 {legal + span} 歲（法定請領年齡 {legal} 歲，勞工保險條例第58條、第58條之2）；{claim} 不在範圍內。"));
        }

        var age = OldAgeEstimator.AgeOn(birthDate, asOf);
        if (scenario.WorkUntilAge is { } until && until <= age)
        {
            return new ScenarioProblem(
                EstimateScenarioParser.WorkUntil,
                Invariant($"workUntil must be an age still ahead of you (you are {age}); {until} is not."),
                Invariant($"workUntil 必須是您尚未到達的年齡（您現在 {age} 歲）；{until} 不符合。"));
        }

        return null;
    }

    /// <summary>The labour stretches of the record: every salary step of every labour period.</summary>
    public static List<InsuredStretch> LabourStretches(CoverageInquiry coverage)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        return [.. coverage.Periods
            .Where(p => p.Kind == InsuranceKind.Labour)
            .SelectMany(p => p.Salaries.Select(s => new InsuredStretch(p.UnitCode, s.From, s.To ?? p.End, s.InsuredSalary)))];
    }

    public static EstimateWork Work(PersonInquiry inquiry, DateOnly asOf, EstimateScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(inquiry);
        ArgumentNullException.ThrowIfNull(scenario);
        var birth = inquiry.Person.BirthDate;
        var labour = LabourStretches(inquiry.Coverage);
        var estimate = OldAgeEstimator.Estimate(birth, labour, asOf);
        var claimAge = scenario.ClaimAge ?? estimate.LegalClaimAge;

        KeepWorkingScenario? keep = null;
        if (scenario.WorkUntilAge is { } until)
        {
            keep = Scenarios.KeepWorking(birth, labour, asOf, until, scenario.Salary);
        }

        // Break-even on what the person would actually claim: the scenario's record when there is one.
        var basis = keep?.Estimate ?? estimate;
        var monthly = basis.Annuity.ByClaimAge.FirstOrDefault(f => f.Age == claimAge)?.Monthly;
        var breakEven = Scenarios.BreakEvenAge(claimAge, monthly, basis.OldSystem.Available ? basis.OldSystem.Amount : null);

        PensionProjection? pension = null;
        var scheme = inquiry.Pension.Scheme;
        if (scheme == PensionScheme.New)
        {
            var contributions = inquiry.Pension.Contributions;
            var lastMonth = contributions.Count == 0 ? (DateOnly?)null : contributions.Max(c => c.Month);
            var asOfMonth = new DateOnly(asOf.Year, asOf.Month, 1);
            // Contributing now: a contribution in the as-of month or the one before (the bureau posts a month late).
            int? wage = lastMonth is { } m && m >= asOfMonth.AddMonths(-1)
                ? Math.Min(EstimateScenarioParser.MaximumSalary, contributions.Where(c => c.Month == m).Sum(c => c.Wage))
                : null;
            if (scenario.Salary is { } chosen)
            {
                wage = chosen;
            }

            pension = PensionProjector.Project(new PensionProjectionInput(
                asOf,
                birth,
                inquiry.Pension.Totals.Balance,
                contributions.Select(c => c.Month).Distinct().Count(),
                wage,
                scenario.VoluntaryRatePercent / 100m,
                scenario.AssumedReturnPercent is { } r ? r / 100m : null,
                claimAge,
                scenario.WorkUntilAge));
        }

        return new EstimateWork(inquiry.Person, estimate, claimAge, keep, breakEven, pension, scheme, scenario);
    }

    /// <summary>The SPEC §9 object for <paramref name="idNumber"/> (masked on the API, in full for the ops command).</summary>
    public static EstimateFigures Figures(string idNumber, OldAgeEstimate e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new EstimateFigures(
            idNumber,
            e.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            e.SeniorityDays,
            Normal(e.InsuredYears),
            e.AverageInsuredSalary,
            e.LegalClaimAge,
            new AnnuityFigures(e.Annuity.Eligible, e.Annuity.FormulaA, e.Annuity.FormulaB, e.Annuity.Monthly, [.. e.Annuity.ByClaimAge.Select(f => new ClaimAgeFigures(f.Age, f.Percent, f.Monthly))]),
            new LumpSumFigures(e.LumpSum.Eligible, e.LumpSum.Amount),
            new OldSystemLumpSumFigures(e.OldSystem.Available, e.OldSystem.AverageInsuredSalary, e.OldSystem.Months is { } m ? Normal(m) : null, e.OldSystem.Amount));
    }

    public static EstimateReport Report(EstimateWork work, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(work);
        var e = work.Estimate;
        var text = new EstimateText(language);
        var chosen = e.Annuity.ByClaimAge.FirstOrDefault(f => f.Age == work.ClaimAge);
        return new EstimateReport(
            Figures(work.Person.MaskedIdNumber, e),
            InquiryFormat.Date(e.AsOf),
            InquiryFormat.Date(work.Person.BirthDate),
            e.AgeOnAsOf,
            InquiryFormat.Date(work.Person.BirthDate.AddYears(e.LegalClaimAge)),
            chosen is null ? null : new ClaimChoiceView(chosen.Age, chosen.Percent, chosen.Monthly, InquiryFormat.Date(chosen.From)),
            work.KeepWorking is { } k ? new KeepWorkingView(k.UntilAge, InquiryFormat.Date(k.LastDay), k.InsuredSalary, Figures(work.Person.MaskedIdNumber, k.Estimate)) : null,
            work.BreakEven is { } b
                ? new BreakEvenView(b.ClaimAge, b.Monthly, b.LumpSum, "old-system", b.Months, b.AgeYears, b.AgeMonths, [.. b.Points.Select(p => new BreakEvenPointView(p.Age, p.AnnuityPaid, p.LumpSum))], text.BreakEven(b))
                : null,
            work.Pension is { } p
                ? new PensionProjectionView(p.BalanceToday, p.ClaimAge, InquiryFormat.Date(p.ClaimDate), p.FutureMonths, p.FutureEmployer, p.FutureVoluntary, p.FutureEarnings, p.BalanceAtClaim, Normal(p.ContributionYears), p.MonthlyPension, p.Monthly, p.LumpSum, p.Wage, text.Pension(p))
                : null,
            text.Explain(e),
            text.Assumptions(work),
            text.Notice(e),
            work.Pension is null ? text.NoPension(work.Scheme) : null);
    }

    /// <summary>At most four decimals and no trailing zeros: 36.0833, 45.</summary>
    public static decimal Normal(decimal value) =>
        decimal.Parse(Math.Round(value, 4, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
