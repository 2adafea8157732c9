using Laobao.Domain.Coverage;

namespace Laobao.Domain.Estimates;

/// <summary>The pure old-age estimate of SPEC §9: no I/O, one call per person and as-of date.</summary>
public static class OldAgeEstimator
{
    /// <summary>Estimates from the person's labour stretches (other kinds must not be passed) as they stand on <paramref name="asOf"/>.</summary>
    public static OldAgeEstimate Estimate(DateOnly birthDate, IReadOnlyCollection<InsuredStretch> labour, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(labour);
        var rules = OldAgeRules.On(asOf);
        var claimAge = OldAgeRules.ClaimAgeFor(birthDate.Year);
        var periods = labour.Select(s => new CoveragePeriod(s.From, s.To)).ToList();
        var days = SeniorityCalculator.Compute(periods, asOf).TotalDays;
        var sixty = birthDate.AddYears(60);
        var daysBefore60 = SeniorityCalculator.Compute(periods, Min(asOf, sixty.AddDays(-1))).TotalDays;
        var daysAfter60 = days - daysBefore60;

        var covered = InsuredMonths.Compute(labour, asOf);
        var averaged = covered
            .OrderByDescending(m => m.Salary).ThenByDescending(m => m.Month)
            .Take(rules.AveragedMonths)
            .OrderBy(m => m.Month)
            .ToList();
        int? average = averaged.Count == 0 ? null : RoundHalfUp(averaged.Sum(m => (decimal)m.Salary) / averaged.Count);

        var years = InsuredYears(days);
        var annuity = Annuity(rules, claimAge, birthDate, days, years, average);
        var lumpSum = LumpSum(rules, days, daysBefore60, daysAfter60, average);
        var oldSystem = OldSystem(rules, labour, covered, daysBefore60, daysAfter60);
        return new OldAgeEstimate(
            asOf, birthDate, days, years, days / OldAgeRules.DaysPerYear, ExtraMonths(days), average, covered, averaged,
            claimAge, rules, annuity, lumpSum, oldSystem);
    }

    /// <summary>Y = ⌊D/365⌋ + min(12, ⌈(D mod 365)/30⌉)/12 (Art. 59 para. 3: a part-month counts as a month).</summary>
    public static decimal InsuredYears(int days) => (days / OldAgeRules.DaysPerYear) + (ExtraMonths(days) / 12m);

    /// <summary>Whole years completed on <paramref name="day"/>.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly day)
    {
        var age = day.Year - birthDate.Year;
        return birthDate.AddYears(age) > day ? age - 1 : age;
    }

    /// <summary>Half up to whole NT$, the one rounding of SPEC §9 (amounts here are never negative).</summary>
    public static int RoundHalfUp(decimal value) => (int)Math.Round(value, 0, MidpointRounding.AwayFromZero);

    private static int ExtraMonths(int days) =>
        Math.Min(12, (int)Math.Ceiling((days % OldAgeRules.DaysPerYear) / (decimal)OldAgeRules.DaysPerMonth));

    private static AnnuityEstimate Annuity(OldAgeParameters rules, ClaimAgeRow claimAge, DateOnly birthDate, int days, decimal years, int? average)
    {
        if (average is not { } s || days < rules.AnnuityMinimumYears * OldAgeRules.DaysPerYear)
        {
            return new AnnuityEstimate(false, null, null, null, null, []);
        }

        var a = RoundHalfUp((s * years * rules.RateA) + rules.ConstantA);
        var b = RoundHalfUp(s * years * rules.RateB);
        var monthly = Math.Max(a, b);
        var byAge = new List<ClaimAgeFigure>();
        for (var k = -rules.MaximumYearsEarlyOrLate; k <= rules.MaximumYearsEarlyOrLate; k++)
        {
            var factor = 1m + (k * rules.AdjustmentPerYear);
            var age = claimAge.Age + k;
            byAge.Add(new ClaimAgeFigure(age, (int)(factor * 100), RoundHalfUp(monthly * factor), birthDate.AddYears(age)));
        }

        return new AnnuityEstimate(true, a, b, monthly, a > b ? AnnuityFormula.A : AnnuityFormula.B, byAge);
    }

    private static LumpSumEstimate LumpSum(OldAgeParameters rules, int days, int daysBefore60, int daysAfter60, int? average)
    {
        if (average is not { } s || days >= rules.AnnuityMinimumYears * OldAgeRules.DaysPerYear)
        {
            return new LumpSumEstimate(false, null, null, 0);
        }

        var countedAfter60 = Math.Min(daysAfter60, rules.MaximumYearsAfter60 * OldAgeRules.DaysPerYear);
        var years = InsuredYears(daysBefore60 + countedAfter60);
        return new LumpSumEstimate(true, RoundHalfUp(s * years), years, daysAfter60 - countedAfter60);
    }

    private static OldSystemEstimate OldSystem(
        OldAgeParameters rules, IReadOnlyCollection<InsuredStretch> labour, IReadOnlyList<InsuredMonth> covered, int daysBefore60, int daysAfter60)
    {
        if (covered.Count == 0 || !labour.Any(s => s.From < rules.OldSystemCutoff))
        {
            return new OldSystemEstimate(false, null, null, null, [], null, null);
        }

        var last = covered.Skip(Math.Max(0, covered.Count - rules.OldSystemAveragedMonths)).ToList();
        var average = RoundHalfUp(last.Sum(m => (decimal)m.Salary) / last.Count);
        var before = InsuredYears(daysBefore60);
        var after = Math.Min(rules.MaximumYearsAfter60, InsuredYears(daysAfter60));
        var monthsBefore = Math.Min(rules.OldSystemCapMonths, MonthsFor(rules, before));
        // Years after 60 continue the same scale (two months a year beyond 15) on top of the years before it.
        var months = Math.Min(rules.OldSystemCapMonthsWithYearsAfter60, monthsBefore + (MonthsFor(rules, before + after) - MonthsFor(rules, before)));
        return new OldSystemEstimate(true, average, months, RoundHalfUp(average * months), last, before, after);
    }

    /// <summary>One month a year up to 15 years, two a year beyond (Art. 59 para. 1), before any cap.</summary>
    private static decimal MonthsFor(OldAgeParameters rules, decimal years) =>
        Math.Min(years, rules.OldSystemYearsAtOneMonth) + (2 * Math.Max(0, years - rules.OldSystemYearsAtOneMonth));

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
