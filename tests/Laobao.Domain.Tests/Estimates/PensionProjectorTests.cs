using Laobao.Domain.Estimates;

namespace Laobao.Domain.Tests.Estimates;

public sealed class PensionProjectorTests
{
    [Fact]
    public void Contributions_at_6_percent_plus_the_voluntary_rate_until_the_claim_without_return()
    {
        // Born 1966-12-15: 60 on 2026-12-15. From 2026-01-31 the months February … December 2026 are before the claim: 11.
        var input = new PensionProjectionInput(new DateOnly(2026, 1, 31), new DateOnly(1966, 12, 15), 1_000_000, 12 * 15, 40_000, 0.03m, 0m, 60, null);

        var p = PensionProjector.Project(input);

        Assert.Equal(new DateOnly(2026, 12, 15), p.ClaimDate);
        Assert.Equal(11, p.FutureMonths);
        // 40,000 × 6 % = 2,400 and × 3 % = 1,200 a month.
        Assert.Equal(26_400, p.FutureEmployer);
        Assert.Equal(13_200, p.FutureVoluntary);
        Assert.Equal(0, p.FutureEarnings);
        Assert.Equal(1_039_600, p.BalanceAtClaim);
        Assert.True(p.MonthlyPension);
        Assert.Equal(PensionProjector.MonthlyFrom(1_039_600, p.Rules), p.Monthly);
    }

    [Fact]
    public void The_return_compounds_monthly_to_the_yearly_rate()
    {
        // No contributions; 60 on 2026-12-10, so January … December 2026, 12 months at 2 % a year: 100,000 × 1.02 = 102,000.
        var input = new PensionProjectionInput(new DateOnly(2025, 12, 31), new DateOnly(1966, 12, 10), 100_000, 12, null, 0m, 0.02m, 60, null);

        var p = PensionProjector.Project(input);

        Assert.Equal(12, p.FutureMonths);
        Assert.Equal(102_000, p.BalanceAtClaim);
        Assert.Equal(2_000, p.FutureEarnings);
        // 1 + 12 = 13 months of contributions: under 15 years, a lump sum of the whole balance (Art. 24).
        Assert.False(p.MonthlyPension);
        Assert.Equal(102_000, p.LumpSum);
    }

    [Fact]
    public void The_monthly_pension_spreads_the_balance_over_the_life_expectancy()
    {
        var zero = LaborPensionRules.Parameters[0] with { AnnuityInterest = 0m, LifeExpectancyAt60 = 24m };

        // 288,000 over 24 × 12 = 288 months without interest: 1,000 a month; with interest it is more.
        Assert.Equal(1_000, PensionProjector.MonthlyFrom(288_000, zero));
        Assert.True(PensionProjector.MonthlyFrom(288_000, LaborPensionRules.Parameters[0]) > 1_000);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(0.07)]
    public void A_voluntary_rate_outside_0_to_6_percent_is_refused(double rate)
    {
        var input = new PensionProjectionInput(new DateOnly(2025, 12, 31), new DateOnly(1980, 1, 1), 0, 0, 30_000, (decimal)rate, null, 60, null);

        Assert.Throws<ArgumentOutOfRangeException>(() => PensionProjector.Project(input));
    }

    [Fact]
    public void Break_even_is_the_first_month_the_annuity_has_paid_more()
    {
        // 2,061,000 / 25,616 = 80.46: after 81 payments from 65, i.e. at 71 years and 9 months.
        var b = Scenarios.BreakEvenAge(65, 25_616, 2_061_000)!;

        Assert.Equal(81, b.Months);
        Assert.Equal(71, b.AgeYears);
        Assert.Equal(9, b.AgeMonths);
        Assert.Null(Scenarios.BreakEvenAge(65, null, 2_061_000));
    }

    [Fact]
    public void Keeping_on_at_the_current_salary_extends_the_record_to_the_age_chosen()
    {
        // 10 years at 36,300 to 2025-12-31, then on to the day before 60 (2035-12-31): 20 years in all.
        var birth = new DateOnly(1976, 1, 1);
        var career = new[] { new InsuredStretch("U1", new DateOnly(2016, 1, 1), null, 36_300) };

        var s = Scenarios.KeepWorking(birth, career, new DateOnly(2025, 12, 31), 60)!;

        Assert.Equal(new DateOnly(2035, 12, 31), s.LastDay);
        Assert.Equal(36_300, s.InsuredSalary);
        Assert.Equal(7_305, s.Estimate.SeniorityDays);
        Assert.True(s.Estimate.Annuity.Eligible);
        Assert.Null(Scenarios.KeepWorking(birth, career, new DateOnly(2025, 12, 31), 40));
    }
}
