namespace Laobao.Domain.Estimates;

/// <summary>"If I keep working at my current insured salary until age N": the record extended, then the same rules.</summary>
public sealed record KeepWorkingScenario(int UntilAge, DateOnly LastDay, int InsuredSalary, OldAgeEstimate Estimate);

/// <summary>
/// When the annuity has paid more than the lump sum taken instead: <see cref="Months"/> monthly payments from
/// <see cref="ClaimAge"/>, i.e. at age <see cref="AgeYears"/> years and <see cref="AgeMonths"/> months.
/// </summary>
public sealed record BreakEven(int ClaimAge, int Monthly, int LumpSum, int Months, int AgeYears, int AgeMonths, IReadOnlyList<BreakEvenPoint> Points);

/// <summary>Paid in all by the annuity by age <see cref="Age"/>, beside the lump sum.</summary>
public sealed record BreakEvenPoint(int Age, long AnnuityPaid, long LumpSum);

public static class Scenarios
{
    public const string ScenarioUnit = "scenario";

    /// <summary>
    /// Extends the labour record from the day after <paramref name="asOf"/> to the day before the person turns
    /// <paramref name="untilAge"/>, at the monthly insured salary of the last covered month (capped at today's top
    /// grade), or at <paramref name="salary"/> when the person names one, then estimates as of that last day. Null when
    /// the person is already that old, or has no covered month and names no salary.
    /// </summary>
    public static KeepWorkingScenario? KeepWorking(DateOnly birthDate, IReadOnlyCollection<InsuredStretch> labour, DateOnly asOf, int untilAge, int? salary = null)
    {
        ArgumentNullException.ThrowIfNull(labour);
        var lastDay = birthDate.AddYears(untilAge).AddDays(-1);
        var months = InsuredMonths.Compute(labour, asOf);
        if ((months.Count == 0 && salary is null) || lastDay <= asOf)
        {
            return null;
        }

        var insured = Math.Min(salary ?? months[^1].Salary, OldAgeRules.TopGradeOn(asOf));
        List<InsuredStretch> extended = [.. labour, new InsuredStretch(ScenarioUnit, asOf.AddDays(1), lastDay, insured)];
        return new KeepWorkingScenario(untilAge, lastDay, insured, OldAgeEstimator.Estimate(birthDate, extended, lastDay));
    }

    /// <summary>
    /// The age at which <paramref name="monthly"/> paid from <paramref name="claimAge"/> has paid more than
    /// <paramref name="lumpSum"/>; points every year for <paramref name="chartYears"/> years. Null without both figures.
    /// </summary>
    public static BreakEven? BreakEvenAge(int claimAge, int? monthly, int? lumpSum, int chartYears = 30)
    {
        if (monthly is not > 0 || lumpSum is not > 0)
        {
            return null;
        }

        var m = monthly.Value;
        var l = lumpSum.Value;
        // The first month after which the annuity's total is more than the lump sum.
        var months = (l / m) + 1;
        var points = Enumerable.Range(0, chartYears + 1)
            .Select(y => new BreakEvenPoint(claimAge + y, (long)m * 12 * y, l))
            .ToList();
        return new BreakEven(claimAge, m, l, months, claimAge + (months / 12), months % 12, points);
    }
}
