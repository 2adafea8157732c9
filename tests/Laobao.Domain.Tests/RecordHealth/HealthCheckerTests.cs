using Laobao.Domain.Coverage;
using Laobao.Domain.Pension;
using Laobao.Domain.RecordHealth;

namespace Laobao.Domain.Tests.RecordHealth;

/// <summary>Every health code on hand-made records, including foreign residents before and after their pension eligibility.</summary>
public sealed class HealthCheckerTests
{
    private const string UnitA = "012345678";
    private const string UnitB = "087654321";
    private static readonly DateOnly AsOf = new(2026, 12, 7);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static HealthStretch Labour(string unit, DateOnly from, DateOnly? to, int salary) => new(unit, InsuranceKind.Labour, from, to, salary);

    /// <summary>Every month from..to (inclusive, first days) contributed at 6 %.</summary>
    private static IEnumerable<HealthContribution> Paid(string unit, DateOnly from, DateOnly to, int wage = 30_300)
    {
        for (var m = from; m <= to; m = m.AddMonths(1))
        {
            yield return new HealthContribution(unit, m, wage, wage * 6 / 100);
        }
    }

    private static HealthRecord Record(IEnumerable<HealthStretch> stretches, IEnumerable<HealthContribution>? paid = null, DateOnly? eligible = null, DateOnly? asOf = null) =>
        new([.. stretches], [.. paid ?? []], eligible, asOf ?? AsOf);

    [Fact]
    public void A_clean_record_has_no_findings()
    {
        var record = Record([Labour(UnitA, D(2024, 1, 1), null, 30_300)], Paid(UnitA, D(2024, 1, 1), D(2026, 9, 1)), PensionEligibility.NewSchemeStart);

        Assert.Empty(HealthChecker.Check(record));
    }

    [Fact]
    public void A_gap_between_two_periods_is_named_with_its_days_and_months()
    {
        var record = Record([Labour(UnitA, D(2024, 1, 1), D(2024, 3, 31), 30_300), Labour(UnitB, D(2024, 6, 15), null, 30_300)]);

        var gap = Assert.Single(HealthChecker.Check(record), f => f.Code == HealthCodes.CoverageGap);
        Assert.Equal(D(2024, 4, 1), gap.From);
        Assert.Equal(D(2024, 6, 14), gap.To);
        Assert.Equal(30 + 31 + 14, gap.Days);
        Assert.Equal([D(2024, 4, 1), D(2024, 5, 1), D(2024, 6, 1)], gap.Months);
    }

    [Fact]
    public void Back_to_back_and_overlapping_periods_are_no_gap_and_a_single_missing_day_is()
    {
        var touching = Record([Labour(UnitA, D(2024, 1, 1), D(2024, 3, 31), 30_300), Labour(UnitB, D(2024, 4, 1), null, 30_300), Labour(UnitA, D(2024, 2, 1), D(2024, 8, 1), 30_300)]);
        Assert.DoesNotContain(HealthChecker.Check(touching), f => f.Code == HealthCodes.CoverageGap);

        var oneDay = Record([Labour(UnitA, D(2024, 1, 1), D(2024, 3, 30), 30_300), Labour(UnitB, D(2024, 4, 1), null, 30_300)]);
        var gap = Assert.Single(HealthChecker.Check(oneDay), f => f.Code == HealthCodes.CoverageGap);
        Assert.Equal(1, gap.Days);
        Assert.Equal(D(2024, 3, 31), gap.From);
    }

    [Fact]
    public void Cover_after_the_last_period_ends_is_not_a_gap()
    {
        var record = Record([Labour(UnitA, D(2020, 1, 1), D(2024, 3, 31), 30_300)]);

        Assert.DoesNotContain(HealthChecker.Check(record), f => f.Code == HealthCodes.CoverageGap);
    }

    [Fact]
    public void A_salary_below_the_minimum_grade_in_force_is_named_by_month()
    {
        // 28,590 is grade 1 in 2025 and below grade 1 (29,500) from 2026-01-01.
        var record = Record([Labour(UnitA, D(2025, 11, 1), D(2026, 2, 28), 28_590)]);

        var below = Assert.Single(HealthChecker.Check(record), f => f.Code == HealthCodes.SalaryBelowMinimum);
        Assert.Equal([D(2026, 1, 1), D(2026, 2, 1)], below.Months);
        Assert.Equal(UnitA, below.UnitCode);
        Assert.Equal(28_590, below.Amount);
        Assert.Equal(29_500, HealthRules.MinimumGradeOn(D(2026, 1, 1)));
    }

    [Fact]
    public void Months_before_the_first_dated_minimum_are_not_checked()
    {
        var record = Record([Labour(UnitA, D(2010, 1, 1), D(2010, 12, 31), 17_280)]);

        Assert.DoesNotContain(HealthChecker.Check(record), f => f.Code == HealthCodes.SalaryBelowMinimum);
        Assert.Null(HealthRules.MinimumGradeOn(D(2018, 12, 31)));
    }

    [Fact]
    public void A_covered_month_without_a_contribution_is_missing_once_it_is_due()
    {
        // Covered all of 2026; paid through August except May. September and October are due (payable by the end of
        // November and December): asOf 2026-12-07 makes September due, October and later not yet.
        var paid = Paid(UnitA, D(2026, 1, 1), D(2026, 8, 1)).Where(c => c.Month != D(2026, 5, 1));
        var record = Record([Labour(UnitA, D(2026, 1, 1), null, 30_300)], paid, PensionEligibility.NewSchemeStart);

        var missing = Assert.Single(HealthChecker.Check(record), f => f.Code == HealthCodes.PensionMonthMissing);
        Assert.Equal([D(2026, 5, 1), D(2026, 9, 1)], missing.Months);
        Assert.Equal(UnitA, missing.UnitCode);
    }

    [Fact]
    public void A_person_outside_the_new_scheme_has_no_missing_months()
    {
        var record = Record([Labour(UnitA, D(2026, 1, 1), null, 30_300)], eligible: null);

        Assert.DoesNotContain(HealthChecker.Check(record), f => f.Code == HealthCodes.PensionMonthMissing);
        Assert.Null(HealthRules.PensionEligibleFrom(PensionResidence.Citizen, PensionScheme.Old));
        Assert.Null(HealthRules.PensionEligibleFrom(PensionResidence.OtherForeignResident, PensionScheme.None));
    }

    [Theory]
    [InlineData(PensionResidence.ForeignSpouse, 2014, 1, 17)]
    [InlineData(PensionResidence.Aprc, 2019, 5, 17)]
    [InlineData(PensionResidence.ForeignProfessionalAprc, 2018, 2, 8)]
    public void A_foreign_resident_is_checked_only_from_their_eligibility_date(PensionResidence residence, int y, int m, int d)
    {
        var eligible = HealthRules.PensionEligibleFrom(residence, PensionScheme.New);
        Assert.Equal(D(y, m, d), eligible);
        var monthOfEligibility = new DateOnly(y, m, 1);

        // Covered from a year before eligibility to three months after it, with no contribution at all.
        var record = Record([Labour(UnitA, monthOfEligibility.AddYears(-1), monthOfEligibility.AddMonths(3).AddDays(-1), 30_300)], eligible: eligible);

        var missing = Assert.Single(HealthChecker.Check(record), f => f.Code == HealthCodes.PensionMonthMissing);
        // The month of eligibility counts (covered on and after the day), no month before it does.
        Assert.Equal([monthOfEligibility, monthOfEligibility.AddMonths(1), monthOfEligibility.AddMonths(2)], missing.Months);
    }

    [Fact]
    public void A_foreign_spouse_covered_only_before_2014_01_17_has_nothing_missing()
    {
        var eligible = HealthRules.PensionEligibleFrom(PensionResidence.ForeignSpouse, PensionScheme.New);
        var record = Record([Labour(UnitA, D(2012, 1, 1), D(2014, 1, 16), 26_400)], eligible: eligible);

        Assert.DoesNotContain(HealthChecker.Check(record), f => f.Code == HealthCodes.PensionMonthMissing);
    }

    [Fact]
    public void An_employer_part_below_six_percent_is_named_by_month_and_a_rounded_dollar_is_not()
    {
        HealthContribution[] paid =
        [
            new(UnitA, D(2026, 1, 1), 30_300, 1_818), // exactly 6 %
            new(UnitA, D(2026, 2, 1), 19_047, 1_142), // 1,142.82 rounded down: not short
            new(UnitA, D(2026, 3, 1), 30_300, 1_212), // 4 %
        ];
        var record = Record([Labour(UnitA, D(2026, 1, 1), D(2026, 3, 31), 30_300)], paid, PensionEligibility.NewSchemeStart);

        var low = Assert.Single(HealthChecker.Check(record), f => f.Code == HealthCodes.PensionEmployerBelowSixPercent);
        Assert.Equal([D(2026, 3, 1)], low.Months);
        Assert.Equal(UnitA, low.UnitCode);
    }

    [Fact]
    public void Seniority_within_a_year_of_15_years_gives_the_day_it_is_reached_if_cover_continues()
    {
        // 14 years and 300 days up to AsOf, still covered.
        var start = AsOf.AddDays(-((14 * 365) + 300) + 1);
        var record = Record([Labour(UnitA, start, null, 30_300)]);

        var near = Assert.Single(HealthChecker.Check(record), f => f.Code == HealthCodes.SeniorityNearThreshold);
        Assert.Equal(65, near.Days);
        Assert.Equal(AsOf.AddDays(65), near.ReachedOn);
    }

    [Fact]
    public void Seniority_near_15_years_without_current_cover_has_no_date_and_far_from_it_no_finding()
    {
        var ended = Record([Labour(UnitA, D(2000, 1, 1), D(2000, 1, 1).AddDays((14 * 365) + 100 - 1), 30_300)]);
        var near = Assert.Single(HealthChecker.Check(ended), f => f.Code == HealthCodes.SeniorityNearThreshold);
        Assert.Null(near.ReachedOn);
        Assert.Equal(265, near.Days);

        var far = Record([Labour(UnitA, AsOf.AddDays(-3650), null, 30_300)]);
        Assert.DoesNotContain(HealthChecker.Check(far), f => f.Code == HealthCodes.SeniorityNearThreshold);
        var past = Record([Labour(UnitA, AsOf.AddDays(-(15 * 365)), null, 30_300)]);
        Assert.DoesNotContain(HealthChecker.Check(past), f => f.Code == HealthCodes.SeniorityNearThreshold);
    }

    [Fact]
    public void Every_code_has_a_rule_test_and_findings_come_in_code_order()
    {
        var record = Record(
            [Labour(UnitA, D(2012, 1, 1), D(2025, 12, 31), 28_590), Labour(UnitB, D(2026, 3, 1), null, 28_590)],
            [new HealthContribution(UnitB, D(2026, 3, 1), 28_590, 857)],
            PensionEligibility.NewSchemeStart);

        var codes = HealthChecker.Check(record).Select(f => f.Code).Distinct().ToList();
        Assert.Equal(HealthCodes.All.Where(codes.Contains), codes);
        Assert.Equal(HealthCodes.All.Count, codes.Count);
    }
}
