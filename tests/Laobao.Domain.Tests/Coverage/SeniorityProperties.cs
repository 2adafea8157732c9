using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Laobao.Domain.Coverage;

namespace Laobao.Domain.Tests.Coverage;

public sealed class SeniorityProperties
{
    private static readonly DateOnly AsOf = new(2026, 11, 27);
    private static readonly int First = new DateOnly(1990, 1, 1).DayNumber;

    /// <summary>Periods from 1990 on, some open, some reaching past the as-of date, so clipping is exercised too.</summary>
    private static Gen<CoveragePeriod> PeriodGen() =>
        from start in Gen.Choose(First, AsOf.DayNumber + 400)
        from length in Gen.Choose(0, 4000)
        from open in Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false)))
        select new CoveragePeriod(DateOnly.FromDayNumber(start), open ? null : DateOnly.FromDayNumber(start + length));

    private static Arbitrary<CoveragePeriod[]> Periods() => Gen.ArrayOf(PeriodGen()).ToArbitrary();

    /// <summary>Disjoint closed periods, each at least one day after the previous one ends, all before the as-of date.</summary>
    private static Arbitrary<CoveragePeriod[]> DisjointPeriods() =>
        Gen.ArrayOf(Gen.Choose(1, 400).Zip(Gen.Choose(0, 400)))
            .Select(steps =>
            {
                var periods = new List<CoveragePeriod>();
                var day = First;
                foreach (var (gap, length) in steps)
                {
                    var start = day + gap;
                    periods.Add(new CoveragePeriod(DateOnly.FromDayNumber(start), DateOnly.FromDayNumber(start + length)));
                    day = start + length + 1;
                }

                return periods.ToArray();
            })
            .ToArbitrary();

    private static int Length(CoveragePeriod p) =>
        p.Start > AsOf ? 0 : Math.Min((p.End ?? AsOf).DayNumber, AsOf.DayNumber) - p.Start.DayNumber + 1;

    [Property(MaxTest = 500)]
    public Property Order_of_periods_does_not_matter() =>
        Prop.ForAll(Periods(), periods =>
        {
            var reversed = periods.Reverse().ToArray();
            var sorted = periods.OrderBy(p => p.End ?? DateOnly.MaxValue).ToArray();
            var expected = SeniorityCalculator.Compute(periods, AsOf);
            return SeniorityCalculator.Compute(reversed, AsOf) == expected && SeniorityCalculator.Compute(sorted, AsOf) == expected;
        });

    [Property(MaxTest = 500)]
    public Property Never_more_than_the_sum_of_the_period_lengths() =>
        Prop.ForAll(Periods(), periods => SeniorityCalculator.Compute(periods, AsOf).TotalDays <= periods.Sum(Length));

    [Property(MaxTest = 500)]
    public Property Disjoint_periods_add_up_exactly() =>
        Prop.ForAll(DisjointPeriods(), periods =>
            SeniorityCalculator.Compute(periods, AsOf).TotalDays == periods.Sum(Length));

    [Property(MaxTest = 500)]
    public Property A_period_inside_another_changes_nothing() =>
        Prop.ForAll(Periods().Filter(p => p.Length > 0), Gen.Choose(0, 1000).Two().ToArbitrary(), (periods, offsets) =>
        {
            var host = periods[0];
            var hostEnd = (host.End ?? AsOf).DayNumber;
            if (hostEnd < host.Start.DayNumber)
            {
                hostEnd = host.Start.DayNumber; // an open period starting after the as-of date
            }

            var start = Math.Min(host.Start.DayNumber + offsets.Item1, hostEnd);
            var end = Math.Min(start + offsets.Item2, hostEnd);
            var inner = new CoveragePeriod(DateOnly.FromDayNumber(start), DateOnly.FromDayNumber(end));
            return SeniorityCalculator.Compute([.. periods, inner], AsOf) == SeniorityCalculator.Compute(periods, AsOf);
        });

    [Property(MaxTest = 300)]
    public Property Duplicating_every_period_changes_nothing() =>
        Prop.ForAll(Periods(), periods =>
            SeniorityCalculator.Compute([.. periods, .. periods], AsOf) == SeniorityCalculator.Compute(periods, AsOf));
}
