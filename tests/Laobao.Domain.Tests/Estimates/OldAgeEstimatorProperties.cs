using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Laobao.Domain.Estimates;

namespace Laobao.Domain.Tests.Estimates;

public sealed class OldAgeEstimatorProperties
{
    private static readonly DateOnly AsOf = new(2026, 11, 30);
    private static readonly DateOnly Birth = new(1966, 4, 10);
    private static readonly int First = new DateOnly(1990, 1, 1).DayNumber;
    private static readonly int[] Grades = [11_100, 20_008, 27_470, 30_300, 36_300, 40_100, 43_900, 45_800];

    private static Gen<InsuredStretch> StretchGen() =>
        from unit in Gen.Elements("U1", "U2", "U3")
        from start in Gen.Choose(First, AsOf.DayNumber)
        from length in Gen.Choose(0, 3000)
        from salary in Gen.Elements(Grades)
        select new InsuredStretch(unit, DateOnly.FromDayNumber(start), DateOnly.FromDayNumber(start + length), salary);

    private static Arbitrary<(InsuredStretch[] Career, InsuredStretch More)> CareerAndMore() =>
        Gen.ArrayOf(StretchGen()).Zip(StretchGen()).ToArbitrary();

    /// <summary>A career of whole calendar months at one unit, one salary each, with a month to raise and by how much.</summary>
    private static Arbitrary<(int[] Salaries, int Index, int Raise)> MonthlyCareer() =>
        (from salaries in Gen.ArrayOf(Gen.Elements(Grades)).Where(a => a.Length > 0)
         from index in Gen.Choose(0, 1000)
         from raise in Gen.Choose(1, 40_000)
         select (salaries, index, raise)).ToArbitrary();

    private static InsuredStretch[] Months(int[] salaries)
    {
        var start = new DateOnly(2000, 1, 1);
        return [.. salaries.Select((s, i) => new InsuredStretch("U1", start.AddMonths(i), start.AddMonths(i + 1).AddDays(-1), s))];
    }

    [Property(MaxTest = 1000)]
    public Property More_days_never_lower_Y() =>
        Prop.ForAll(Gen.Choose(0, 30_000).Zip(Gen.Choose(0, 400)).ToArbitrary(), p =>
            OldAgeEstimator.InsuredYears(p.Item1 + p.Item2) >= OldAgeEstimator.InsuredYears(p.Item1));

    [Property(MaxTest = 300)]
    public Property More_covered_days_in_a_career_never_lower_Y() =>
        Prop.ForAll(CareerAndMore(), c =>
        {
            var before = OldAgeEstimator.Estimate(Birth, c.Career, AsOf);
            var after = OldAgeEstimator.Estimate(Birth, [.. c.Career, c.More], AsOf);
            return after.SeniorityDays >= before.SeniorityDays && after.InsuredYears >= before.InsuredYears;
        });

    [Property(MaxTest = 300)]
    public Property A_higher_salary_in_any_month_never_lowers_S() =>
        Prop.ForAll(MonthlyCareer(), c =>
        {
            var raised = (int[])c.Salaries.Clone();
            var i = c.Index % raised.Length;
            raised[i] += c.Raise;
            var asOf = new DateOnly(2000, 1, 1).AddMonths(c.Salaries.Length);
            var before = OldAgeEstimator.Estimate(Birth, Months(c.Salaries), asOf).AverageInsuredSalary;
            var after = OldAgeEstimator.Estimate(Birth, Months(raised), asOf).AverageInsuredSalary;
            return after >= before;
        });

    [Property(MaxTest = 300)]
    public Property A_higher_salary_in_a_career_with_overlaps_never_lowers_S() =>
        Prop.ForAll(CareerAndMore(), c =>
        {
            var career = c.Career.Length == 0 ? [c.More] : c.Career;
            var raised = career.Select((s, i) => i == 0 ? s with { InsuredSalary = s.InsuredSalary + 5_000 } : s).ToArray();
            return OldAgeEstimator.Estimate(Birth, raised, AsOf).AverageInsuredSalary >= OldAgeEstimator.Estimate(Birth, career, AsOf).AverageInsuredSalary;
        });

    [Property(MaxTest = 500)]
    public Property Early_and_deferred_figures_rise_with_the_claim_age() =>
        Prop.ForAll(Gen.Choose(5_475, 20_000).Zip(Gen.Elements(Grades)).Zip(Gen.Choose(1950, 2000)).ToArbitrary(), p =>
        {
            var ((days, salary), year) = p;
            var from = new DateOnly(1980, 1, 1);
            var e = OldAgeEstimator.Estimate(new DateOnly(year, 1, 1), [new InsuredStretch("U1", from, from.AddDays(days - 1), salary)], from.AddDays(days));
            var figures = e.Annuity.ByClaimAge;
            return e.Annuity.Eligible && figures.Count == 11
                && figures.Zip(figures.Skip(1)).All(f => f.Second.Age == f.First.Age + 1 && f.Second.Percent > f.First.Percent && f.Second.Monthly >= f.First.Monthly)
                && figures.Single(f => f.Percent == 100).Monthly == e.Annuity.Monthly;
        });
}
