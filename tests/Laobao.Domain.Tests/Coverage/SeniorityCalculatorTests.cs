using Laobao.Domain.Coverage;

namespace Laobao.Domain.Tests.Coverage;

public sealed class SeniorityCalculatorTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 27);

    private static CoveragePeriod Period(string start, string? end) =>
        new(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            end is null ? null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Enrolment_and_withdrawal_days_both_count()
    {
        Assert.Equal(1, SeniorityCalculator.Compute([Period("2024-03-01", "2024-03-01")], AsOf).TotalDays);
        Assert.Equal(31, SeniorityCalculator.Compute([Period("2024-03-01", "2024-03-31")], AsOf).TotalDays);
    }

    [Fact]
    public void Overlapping_periods_at_two_units_count_once()
    {
        var seniority = SeniorityCalculator.Compute(
            [Period("2020-01-01", "2020-12-31"), Period("2020-07-01", "2021-06-30")],
            AsOf);

        Assert.Equal(366 + 181, seniority.TotalDays);
    }

    [Fact]
    public void Back_to_back_periods_join_without_a_gap_or_a_double_day()
    {
        var seniority = SeniorityCalculator.Compute(
            [Period("2023-01-01", "2023-06-30"), Period("2023-07-01", "2023-12-31")],
            AsOf);

        Assert.Equal(365, seniority.TotalDays);
        Assert.Equal(1, seniority.Years);
        Assert.Equal(0, seniority.Days);
    }

    [Fact]
    public void Years_have_365_days_as_bli_records_them()
    {
        var seniority = SeniorityCalculator.Compute([Period("2020-01-01", "2021-12-31")], AsOf);

        Assert.Equal(731, seniority.TotalDays);
        Assert.Equal(2, seniority.Years);
        Assert.Equal(1, seniority.Days);
    }

    [Fact]
    public void An_open_period_counts_up_to_and_including_the_as_of_date()
    {
        var seniority = SeniorityCalculator.Compute([Period("2026-11-01", null)], AsOf);
        Assert.Equal(27, seniority.TotalDays);
    }

    [Fact]
    public void A_period_starting_after_the_as_of_date_counts_nothing()
    {
        Assert.Equal(0, SeniorityCalculator.Compute([Period("2026-11-28", null), Period("2027-01-01", "2027-12-31")], AsOf).TotalDays);
    }

    [Fact]
    public void A_period_ending_after_the_as_of_date_is_cut_there()
    {
        Assert.Equal(27, SeniorityCalculator.Compute([Period("2026-11-01", "2027-03-31")], AsOf).TotalDays);
    }

    [Fact]
    public void No_periods_means_no_seniority()
    {
        var seniority = SeniorityCalculator.Compute([], AsOf);
        Assert.Equal(new Seniority(0), seniority);
        Assert.Equal(0, seniority.Years);
    }

    [Fact]
    public void A_period_that_ends_before_it_starts_is_refused_with_both_dates()
    {
        var e = Assert.Throws<ArgumentException>(() => SeniorityCalculator.Compute([Period("2024-02-01", "2024-01-31")], AsOf));
        Assert.StartsWith("a coverage period ends (2024-01-31) before it starts (2024-02-01)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_career_across_three_units_with_a_gap_and_an_overlap()
    {
        var seniority = SeniorityCalculator.Compute(
            [
                Period("2010-03-15", "2012-08-31"),
                Period("2012-08-01", "2015-01-31"), // overlaps the first by 31 days
                Period("2016-01-01", null),
            ],
            new DateOnly(2016, 12, 31));

        var expected = (new DateOnly(2015, 1, 31).DayNumber - new DateOnly(2010, 3, 15).DayNumber + 1) + 366;
        Assert.Equal(expected, seniority.TotalDays);
    }
}
