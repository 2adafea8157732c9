namespace Laobao.Domain.Estimates;

/// <summary>What the labour-pension projection starts from and assumes.</summary>
/// <param name="BalanceToday">Employer + voluntary contributions + credited earnings (SPEC §2 totals).</param>
/// <param name="ContributedMonths">Calendar months with a contribution so far (for the 15-year rule of Art. 24).</param>
/// <param name="CurrentWage">The contribution wage of the latest month when the person is contributing now; null stops contributions.</param>
/// <param name="VoluntaryRate">0–6 % (Art. 14 para. 3).</param>
/// <param name="AssumedReturn">Yearly return assumed until the claim; null takes the guaranteed minimum.</param>
/// <param name="ClaimAge">The age the account is claimed at; below 60 the projection uses 60 (Art. 24).</param>
/// <param name="ContributeUntilAge">Contributions stop the day the person turns this age (null: at the claim).</param>
public sealed record PensionProjectionInput(
    DateOnly AsOf, DateOnly BirthDate, long BalanceToday, int ContributedMonths, int? CurrentWage, decimal VoluntaryRate,
    decimal? AssumedReturn, int ClaimAge, int? ContributeUntilAge);

/// <summary>The projected account at the claim and what it pays (Labor Pension Act Art. 23, 24).</summary>
public sealed record PensionProjection(
    DateOnly ClaimDate,
    int ClaimAge,
    long BalanceToday,
    int FutureMonths,
    long FutureEmployer,
    long FutureVoluntary,
    long FutureEarnings,
    long BalanceAtClaim,
    decimal ContributionYears,
    bool MonthlyPension,
    int? Monthly,
    long? LumpSum,
    decimal AssumedReturn,
    decimal VoluntaryRate,
    int? Wage,
    LaborPensionParameters Rules);

public static class PensionProjector
{
    /// <exception cref="ArgumentOutOfRangeException">A rate is outside its lawful or sensible range.</exception>
    public static PensionProjection Project(PensionProjectionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rules = LaborPensionRules.On(input.AsOf);
        if (input.VoluntaryRate < 0 || input.VoluntaryRate > rules.MaximumVoluntaryRate)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input.VoluntaryRate, "the voluntary rate is 0 to 6 %");
        }

        var assumed = input.AssumedReturn ?? rules.GuaranteedReturn;
        if (assumed is < -0.5m or > 0.5m)
        {
            throw new ArgumentOutOfRangeException(nameof(input), assumed, "the assumed return is between -50 % and 50 % a year");
        }

        var claimAge = Math.Max(rules.ClaimAge, input.ClaimAge);
        var claimDate = input.BirthDate.AddYears(claimAge);
        var stopDate = input.ContributeUntilAge is { } until ? Min(claimDate, input.BirthDate.AddYears(until)) : claimDate;
        var monthlyReturn = (decimal)(Math.Pow(1 + (double)assumed, 1.0 / 12) - 1);

        // Month by month from the month after the as-of date: last month's balance earns a month, then this month's
        // contribution (each part rounded to whole NT$, as the bureau credits it) is added.
        decimal balance = input.BalanceToday;
        long employer = 0, voluntary = 0;
        var months = 0;
        var contributing = 0;
        for (var month = new DateOnly(input.AsOf.Year, input.AsOf.Month, 1).AddMonths(1); month < claimDate; month = month.AddMonths(1))
        {
            months++;
            balance += balance * monthlyReturn;
            if (input.CurrentWage is { } wage && month < stopDate)
            {
                var e = OldAgeEstimator.RoundHalfUp(wage * rules.EmployerRate);
                var v = OldAgeEstimator.RoundHalfUp(wage * input.VoluntaryRate);
                employer += e;
                voluntary += v;
                balance += e + v;
                contributing++;
            }
        }

        var atClaim = (long)Math.Round(balance, 0, MidpointRounding.AwayFromZero);
        var years = (input.ContributedMonths + contributing) / 12m;
        var monthly = years >= rules.MinimumYearsForMonthly;
        return new PensionProjection(
            claimDate,
            claimAge,
            input.BalanceToday,
            months,
            employer,
            voluntary,
            atClaim - input.BalanceToday - employer - voluntary,
            atClaim,
            years,
            monthly,
            monthly ? MonthlyFrom(atClaim, rules) : null,
            monthly ? null : atClaim,
            assumed,
            input.VoluntaryRate,
            input.CurrentWage,
            rules);
    }

    /// <summary>
    /// The level monthly payment that uses up <paramref name="balance"/> over the life expectancy at 60, with the
    /// annuity interest rate (Art. 23; Enforcement Rules Art. 31): balance × i / (1 − (1 + i)^−n), i monthly, n months.
    /// </summary>
    public static int MonthlyFrom(long balance, LaborPensionParameters rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var n = (double)(rules.LifeExpectancyAt60 * 12);
        var i = Math.Pow(1 + (double)rules.AnnuityInterest, 1.0 / 12) - 1;
        var factor = i == 0 ? 1 / n : i / (1 - Math.Pow(1 + i, -n));
        return OldAgeEstimator.RoundHalfUp((decimal)(balance * factor));
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
