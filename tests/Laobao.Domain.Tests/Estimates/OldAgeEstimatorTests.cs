using Laobao.Domain.Estimates;

namespace Laobao.Domain.Tests.Estimates;

/// <summary>Careers worked out by hand; each comment shows the arithmetic the assertion checks.</summary>
public sealed class OldAgeEstimatorTests
{
    private static InsuredStretch S(string unit, int y1, int m1, int d1, int y2, int m2, int d2, int salary) =>
        new(unit, new DateOnly(y1, m1, d1), new DateOnly(y2, m2, d2), salary);

    private static int MonthOf(OldAgeEstimate e, int year, int month) =>
        e.CoveredMonths.Single(m => m.Month == new DateOnly(year, month, 1)).Salary;

    [Fact]
    public void The_spec_example_gives_its_figures()
    {
        // SPEC §9: D = 13,149 days at 45,800, born 1970 (legal age 65), seniority before 2009.
        var asOf = new DateOnly(2026, 12, 1);
        var career = new[] { new InsuredStretch("U1", asOf.AddDays(-13_148), null, 45_800) };

        var e = OldAgeEstimator.Estimate(new DateOnly(1970, 5, 1), career, asOf);

        Assert.Equal(13_149, e.SeniorityDays);
        // 13,149 = 36 × 365 + 9; 9 days are one month: Y = 36 + 1/12 = 36.0833.
        Assert.Equal(36.0833m, Math.Round(e.InsuredYears, 4));
        Assert.Equal(45_800, e.AverageInsuredSalary);
        Assert.Equal(65, e.LegalClaimAge);
        // A = 45,800 × 36.0833 × 0.775 % + 3,000 = 15,807.78; B = 45,800 × 36.0833 × 1.55 % = 25,615.56.
        Assert.Equal(15_808, e.Annuity.FormulaA);
        Assert.Equal(25_616, e.Annuity.FormulaB);
        Assert.Equal(25_616, e.Annuity.Monthly);
        Assert.Equal(AnnuityFormula.B, e.Annuity.Winner);
        Assert.Equal(11, e.Annuity.ByClaimAge.Count);
        Assert.Equal(new ClaimAgeFigure(60, 80, 20_493, new DateOnly(2030, 5, 1)), e.Annuity.ByClaimAge[0]);
        Assert.Equal(new ClaimAgeFigure(70, 120, 30_739, new DateOnly(2040, 5, 1)), e.Annuity.ByClaimAge[^1]);
        Assert.False(e.LumpSum.Eligible);
        Assert.Null(e.LumpSum.Amount);
        // Old system: the last 36 months at 45,800; 15 + 2 × 21.08 = 57.2 months, capped at 45: 2,061,000.
        Assert.True(e.OldSystem.Available);
        Assert.Equal(45_800, e.OldSystem.AverageInsuredSalary);
        Assert.Equal(45m, e.OldSystem.Months);
        Assert.Equal(2_061_000, e.OldSystem.Amount);
    }

    [Fact]
    public void Formula_A_wins_on_a_low_salary()
    {
        // 16 × 365 = 5,840 days at 20,008: Y = 16, S × Y = 320,128.
        var from = new DateOnly(2010, 1, 1);
        var career = new[] { new InsuredStretch("U1", from, from.AddDays(5_839), 20_008) };

        var e = OldAgeEstimator.Estimate(new DateOnly(1975, 1, 1), career, new DateOnly(2026, 1, 1));

        Assert.Equal(16m, e.InsuredYears);
        // A = 320,128 × 0.775 % + 3,000 = 5,480.99 → 5,481; B = 320,128 × 1.55 % = 4,961.98 → 4,962.
        Assert.Equal(5_481, e.Annuity.FormulaA);
        Assert.Equal(4_962, e.Annuity.FormulaB);
        Assert.Equal(5_481, e.Annuity.Monthly);
        Assert.Equal(AnnuityFormula.A, e.Annuity.Winner);
    }

    [Fact]
    public void The_highest_60_months_need_not_be_the_last_60()
    {
        // 36 months at 45,800, then 24 at 40,100, then 60 at 30,300 (the last 60).
        var career = new[]
        {
            S("U1", 2015, 1, 1, 2017, 12, 31, 45_800),
            S("U1", 2018, 1, 1, 2019, 12, 31, 40_100),
            S("U2", 2020, 1, 1, 2024, 12, 31, 30_300),
        };

        var e = OldAgeEstimator.Estimate(new DateOnly(1980, 1, 1), career, new DateOnly(2024, 12, 31));

        Assert.Equal(120, e.CoveredMonths.Count);
        // (36 × 45,800 + 24 × 40,100) / 60 = 2,611,200 / 60 = 43,520.
        Assert.Equal(43_520, e.AverageInsuredSalary);
        Assert.Equal(60, e.AveragedMonths.Count);
        Assert.Equal(new DateOnly(2015, 1, 1), e.AveragedMonths[0].Month);
        Assert.Equal(new DateOnly(2019, 12, 1), e.AveragedMonths[^1].Month);
    }

    [Fact]
    public void Fewer_than_60_months_average_all_of_them()
    {
        // 12 months at 30,300 and 5 at 33,300: 530,100 / 17 = 31,182.35 → 31,182.
        var career = new[] { S("U1", 2024, 1, 1, 2024, 12, 31, 30_300), S("U1", 2025, 1, 1, 2025, 5, 31, 33_300) };

        var e = OldAgeEstimator.Estimate(new DateOnly(1990, 1, 1), career, new DateOnly(2026, 1, 1));

        Assert.Equal(17, e.AveragedMonths.Count);
        Assert.Equal(31_182, e.AverageInsuredSalary);
        // D = 366 + 151 = 517 = 365 + 152; 152 days are 6 months: Y = 1.5; lump sum 31,182 × 1.5 = 46,773.
        Assert.Equal(517, e.SeniorityDays);
        Assert.Equal(1.5m, e.InsuredYears);
        Assert.False(e.Annuity.Eligible);
        Assert.Empty(e.Annuity.ByClaimAge);
        Assert.True(e.LumpSum.Eligible);
        Assert.Equal(46_773, e.LumpSum.Amount);
    }

    [Fact]
    public void Two_employers_at_once_combine_up_to_the_top_grade()
    {
        // 40,100 all year; a second employer at 30,300 for 184 days (March–August): 70,400 capped at 45,800.
        var career = new[] { S("U1", 2025, 1, 1, 2025, 12, 31, 40_100), S("U2", 2025, 3, 1, 2025, 8, 31, 30_300) };

        var e = OldAgeEstimator.Estimate(new DateOnly(1980, 1, 1), career, new DateOnly(2025, 12, 31));

        Assert.Equal(40_100, MonthOf(e, 2025, 2));
        Assert.Equal(45_800, MonthOf(e, 2025, 3));
        Assert.Equal(45_800, MonthOf(e, 2025, 8));
        Assert.Equal(40_100, MonthOf(e, 2025, 9));
        // (6 × 45,800 + 6 × 40,100) / 12 = 42,950; seniority counts the shared days once.
        Assert.Equal(42_950, e.AverageInsuredSalary);
        Assert.Equal(365, e.SeniorityDays);
    }

    [Fact]
    public void Two_employers_below_the_top_grade_combine_to_their_sum()
    {
        var career = new[] { S("U1", 2025, 1, 1, 2025, 6, 30, 20_008), S("U2", 2025, 2, 1, 2025, 4, 30, 15_840) };

        var e = OldAgeEstimator.Estimate(new DateOnly(1980, 1, 1), career, new DateOnly(2025, 12, 31));

        Assert.Equal(20_008, MonthOf(e, 2025, 1));
        Assert.Equal(35_848, MonthOf(e, 2025, 3));
        Assert.Equal(20_008, MonthOf(e, 2025, 5));
    }

    [Theory]
    [InlineData(20, 36_300)] // 20 days together: the higher one, not a sum
    [InlineData(29, 36_300)] // one day short of 30
    [InlineData(30, 45_800)] // 30 days in a row: 30,300 + 36,300 = 66,600, capped
    public void Overlap_under_30_days_is_never_summed(int overlapDays, int march)
    {
        var career = new[]
        {
            S("U1", 2025, 1, 1, 2025, 3, overlapDays, 30_300),
            S("U2", 2025, 3, 1, 2025, 6, 30, 36_300),
        };

        var e = OldAgeEstimator.Estimate(new DateOnly(1980, 1, 1), career, new DateOnly(2025, 12, 31));

        Assert.Equal(30_300, MonthOf(e, 2025, 2));
        Assert.Equal(march, MonthOf(e, 2025, 3));
        Assert.Equal(36_300, MonthOf(e, 2025, 4));
    }

    [Fact]
    public void A_job_change_in_mid_month_takes_the_higher_salary_not_the_sum()
    {
        var career = new[] { S("U1", 2025, 1, 1, 2025, 4, 15, 30_300), S("U2", 2025, 4, 16, 2025, 8, 31, 40_100) };

        var e = OldAgeEstimator.Estimate(new DateOnly(1980, 1, 1), career, new DateOnly(2025, 12, 31));

        Assert.Equal(8, e.CoveredMonths.Count);
        Assert.Equal(40_100, MonthOf(e, 2025, 4));
        Assert.Equal(243, e.SeniorityDays);
        // (3 × 30,300 + 5 × 40,100) / 8 = 291,400 / 8 = 36,425.
        Assert.Equal(36_425, e.AverageInsuredSalary);
    }

    [Fact]
    public void A_salary_change_in_mid_month_takes_the_higher_salary_of_the_month()
    {
        // One unit, lowered on 2025-05-15: May keeps 34,800, June has 31,800.
        var career = new[] { S("U1", 2025, 1, 1, 2025, 5, 14, 34_800), S("U1", 2025, 5, 15, 2025, 9, 30, 31_800) };

        var e = OldAgeEstimator.Estimate(new DateOnly(1980, 1, 1), career, new DateOnly(2025, 12, 31));

        Assert.Equal(9, e.CoveredMonths.Count);
        Assert.Equal(34_800, MonthOf(e, 2025, 5));
        Assert.Equal(31_800, MonthOf(e, 2025, 6));
        Assert.Equal(273, e.SeniorityDays);
    }

    [Fact]
    public void Gaps_between_jobs_are_neither_months_nor_days()
    {
        var career = new[] { S("U1", 2020, 1, 1, 2020, 6, 30, 30_300), S("U2", 2021, 1, 1, 2021, 3, 31, 33_300) };

        var e = OldAgeEstimator.Estimate(new DateOnly(1990, 1, 1), career, new DateOnly(2025, 1, 1));

        // 182 + 90 = 272 days = 9.07 months of 30 → 10 months: Y = 10/12.
        Assert.Equal(272, e.SeniorityDays);
        Assert.Equal(10m / 12, e.InsuredYears);
        Assert.Equal(9, e.CoveredMonths.Count);
        Assert.DoesNotContain(e.CoveredMonths, m => m.Month.Year == 2020 && m.Month.Month > 6);
        // (6 × 30,300 + 3 × 33,300) / 9 = 31,300; lump sum 31,300 × 10/12 = 26,083.33 → 26,083.
        Assert.Equal(31_300, e.AverageInsuredSalary);
        Assert.Equal(26_083, e.LumpSum.Amount);
    }

    [Fact]
    public void An_open_period_counts_to_the_as_of_date()
    {
        var career = new[] { new InsuredStretch("U1", new DateOnly(2024, 7, 1), null, 36_300) };

        var e = OldAgeEstimator.Estimate(new DateOnly(1990, 1, 1), career, new DateOnly(2025, 3, 10));

        // July–December 2024: 184 days; 1 January–10 March 2025: 69 days.
        Assert.Equal(253, e.SeniorityDays);
        Assert.Equal(9, e.CoveredMonths.Count);
        Assert.Equal(new DateOnly(2025, 3, 1), e.CoveredMonths[^1].Month);
        Assert.Equal(36_300, e.AverageInsuredSalary);
    }

    [Fact]
    public void Exactly_15_times_365_days_earns_the_annuity_and_one_day_less_the_lump_sum()
    {
        var from = new DateOnly(2011, 1, 1);
        var asOf = new DateOnly(2026, 6, 1);

        var fifteen = OldAgeEstimator.Estimate(new DateOnly(1970, 1, 1), [new InsuredStretch("U1", from, from.AddDays(5_474), 30_300)], asOf);
        var short1 = OldAgeEstimator.Estimate(new DateOnly(1970, 1, 1), [new InsuredStretch("U1", from, from.AddDays(5_473), 30_300)], asOf);

        Assert.Equal(5_475, fifteen.SeniorityDays);
        Assert.Equal(15m, fifteen.InsuredYears);
        Assert.True(fifteen.Annuity.Eligible);
        // A = 30,300 × 15 × 0.775 % + 3,000 = 6,522.38; B = 454,500 × 1.55 % = 7,044.75 → 7,045.
        Assert.Equal(6_522, fifteen.Annuity.FormulaA);
        Assert.Equal(7_045, fifteen.Annuity.Monthly);
        Assert.False(fifteen.LumpSum.Eligible);

        // 5,474 = 14 × 365 + 364: 13 months of 30, at most 12, so Y is 15 too, but the days are short of 15 × 365.
        Assert.Equal(5_474, short1.SeniorityDays);
        Assert.Equal(15m, short1.InsuredYears);
        Assert.False(short1.Annuity.Eligible);
        Assert.True(short1.LumpSum.Eligible);
        Assert.Equal(454_500, short1.LumpSum.Amount);
        // All of it after 2009: no old-system option.
        Assert.False(short1.OldSystem.Available);
    }

    [Theory]
    [InlineData(1950, 60)]
    [InlineData(1957, 60)]
    [InlineData(1958, 61)]
    [InlineData(1959, 62)]
    [InlineData(1960, 63)]
    [InlineData(1961, 64)]
    [InlineData(1962, 65)]
    [InlineData(1990, 65)]
    public void Legal_claim_age_by_birth_year(int birthYear, int age)
    {
        Assert.Equal(age, OldAgeRules.LegalClaimAge(birthYear));

        var from = new DateOnly(1995, 1, 1);
        var e = OldAgeEstimator.Estimate(new DateOnly(birthYear, 7, 1), [new InsuredStretch("U1", from, from.AddDays(7_299), 40_100)], new DateOnly(2026, 1, 1));
        Assert.Equal(age, e.LegalClaimAge);
        Assert.Equal(age - 5, e.Annuity.ByClaimAge[0].Age);
        Assert.Equal(age + 5, e.Annuity.ByClaimAge[^1].Age);
        Assert.Equal(100, e.Annuity.ByClaimAge.Single(f => f.Age == age).Percent);
    }

    [Fact]
    public void The_lump_sum_counts_at_most_five_years_after_60()
    {
        // Born 1960-03-15; 60 on 2020-03-15. Before 60: 2015-03-15 … 2020-03-14 = 1,827 days;
        // after 60: 2020-03-15 … 2027-03-14 = 2,556 days, of which 5 × 365 = 1,825 count.
        var career = new[] { S("U1", 2015, 3, 15, 2027, 3, 14, 30_300) };

        var e = OldAgeEstimator.Estimate(new DateOnly(1960, 3, 15), career, new DateOnly(2027, 3, 14));

        Assert.Equal(4_383, e.SeniorityDays);
        Assert.True(e.LumpSum.Eligible);
        // 1,827 + 1,825 = 3,652 = 10 × 365 + 2: Y = 10 + 1/12; 30,300 × 10 1/12 = 305,525.
        Assert.Equal(305_525, e.LumpSum.Amount);
        Assert.Equal(731, e.LumpSum.DaysAfter60NotCounted);
    }

    [Fact]
    public void The_old_system_lump_sum_is_capped_at_45_months_before_60()
    {
        // 1990-01-01 … 2024-12-31: 35 × 365 + 9 leap days = 12,784 days, Y = 35 1/12; born 1965 (59 on the as-of date).
        var e = OldAgeEstimator.Estimate(new DateOnly(1965, 6, 1), [S("U1", 1990, 1, 1, 2024, 12, 31, 40_100)], new DateOnly(2024, 12, 31));

        Assert.Equal(12_784, e.SeniorityDays);
        Assert.True(e.OldSystem.Available);
        Assert.Equal(36, e.OldSystem.AveragedMonths.Count);
        Assert.Equal(40_100, e.OldSystem.AverageInsuredSalary);
        // 15 + 2 × 20 1/12 = 55.17 months, capped at 45: 40,100 × 45 = 1,804,500.
        Assert.Equal(45m, e.OldSystem.Months);
        Assert.Equal(1_804_500, e.OldSystem.Amount);
    }

    [Fact]
    public void The_old_system_lump_sum_is_capped_at_50_months_with_years_after_60()
    {
        // Born 1950-01-01. Before 60: 1980-01-01 … 2009-12-31 = 30 years + 8 leap days → 45 months (capped).
        // After 60: 2010-01-01 … 2016-12-31 = 7 years + 2 days → 5 years counted, 10 more months → 55, capped at 50.
        var e = OldAgeEstimator.Estimate(new DateOnly(1950, 1, 1), [S("U1", 1980, 1, 1, 2016, 12, 31, 40_100)], new DateOnly(2017, 1, 31));

        Assert.Equal(30m + (1m / 12), e.OldSystem.YearsBefore60);
        Assert.Equal(5m, e.OldSystem.YearsAfter60Counted);
        Assert.Equal(50m, e.OldSystem.Months);
        Assert.Equal(2_005_000, e.OldSystem.Amount);
    }

    [Fact]
    public void The_old_system_average_is_of_the_last_36_covered_months_not_the_highest()
    {
        // 36 months at 45,800 (2015–2017), then 36 at 30,300 (2018–2020): the old system averages the last 36.
        var career = new[] { S("U1", 2006, 1, 1, 2014, 12, 31, 40_100), S("U1", 2015, 1, 1, 2017, 12, 31, 45_800), S("U1", 2018, 1, 1, 2020, 12, 31, 30_300) };

        var e = OldAgeEstimator.Estimate(new DateOnly(1970, 1, 1), career, new DateOnly(2021, 6, 1));

        Assert.Equal(30_300, e.OldSystem.AverageInsuredSalary);
        Assert.Equal(new DateOnly(2018, 1, 1), e.OldSystem.AveragedMonths[0].Month);
    }

    [Fact]
    public void Months_before_2014_07_are_capped_at_the_top_grade_of_their_day()
    {
        // 45,800 recorded in 2013 is capped at 2013's top grade 43,900; from July 2014 at 45,800.
        var e = OldAgeEstimator.Estimate(new DateOnly(1970, 1, 1), [S("U1", 2014, 5, 1, 2014, 8, 31, 45_800)], new DateOnly(2015, 1, 1));

        Assert.Equal(43_900, MonthOf(e, 2014, 6));
        Assert.Equal(45_800, MonthOf(e, 2014, 7));
    }

    [Fact]
    public void No_labour_cover_gives_no_figure()
    {
        var e = OldAgeEstimator.Estimate(new DateOnly(1990, 1, 1), [], new DateOnly(2026, 1, 1));

        Assert.False(e.HasCoverage);
        Assert.Null(e.AverageInsuredSalary);
        Assert.False(e.Annuity.Eligible);
        Assert.False(e.LumpSum.Eligible);
        Assert.False(e.OldSystem.Available);
    }
}
