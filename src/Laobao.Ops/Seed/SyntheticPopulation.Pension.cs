using Laobao.Domain.Salary;

namespace Laobao.Ops.Seed;

/// <summary>The pension side of a synthetic person: monthly contributions for the covered months and yearly earnings.</summary>
internal sealed partial class SyntheticPopulation
{
    // Credited-earnings rates for the synthetic accounts, by year; illustrative, not the fund's published figures.
    private static readonly Dictionary<int, double> EarningRates = new()
    {
        [2018] = 0.0120, [2019] = 0.0705, [2020] = 0.0902, [2021] = 0.1066, [2022] = -0.0306,
        [2023] = 0.0813, [2024] = 0.0929, [2025] = 0.0452, [2026] = 0.0300,
    };

    private void AddPension(Random random, SeedChunk chunk, string id, DateOnly since, List<Job> jobs)
    {
        var voluntaryPercent = random.Next(5) == 0 ? random.Next(1, 7) : 0;
        var last = new DateOnly(plan.AsOf.Year, plan.AsOf.Month, 1);
        var from = last.AddMonths(-plan.PensionMonths + 1);
        var sinceMonth = new DateOnly(since.Year, since.Month, 1);
        if (from < sinceMonth)
        {
            from = sinceMonth;
        }

        var balance = 0L;
        var year = from.Year;
        for (var month = from; month <= last; month = month.AddMonths(1))
        {
            if (month.Year != year)
            {
                AddEarning(chunk, id, year, ref balance);
                year = month.Year;
            }

            var monthEnd = month.AddMonths(1).AddDays(-1);
            foreach (var job in jobs)
            {
                if (job.Start > monthEnd || (job.End is { } end && end < month))
                {
                    continue;
                }

                var (_, occupational) = Salaries(job.Level, month);
                var wage = PensionWage(occupational, month);
                var employer = (int)Math.Round(wage * 0.06, MidpointRounding.AwayFromZero);
                var voluntary = (int)Math.Round(wage * voluntaryPercent / 100.0, MidpointRounding.AwayFromZero);
                balance += employer + voluntary;
                chunk.Contributions.Add([id, job.Unit, month, wage, employer, voluntary]);
            }
        }

        if (year < plan.AsOf.Year)
        {
            AddEarning(chunk, id, year, ref balance);
        }
    }

    private static void AddEarning(SeedChunk chunk, string id, int year, ref long balance)
    {
        if (balance == 0 || !EarningRates.TryGetValue(year, out var rate))
        {
            return;
        }

        var amount = (long)Math.Round(balance * rate);
        balance += amount;
        chunk.Earnings.Add([id, year, amount]);
    }

    private int PensionWage(int wage, DateOnly month)
    {
        var table = grades.TableFor(SalaryScale.PensionContribution, month);
        if (table is null)
        {
            return wage;
        }

        foreach (var grade in table.Grades)
        {
            if (grade >= wage)
            {
                return grade;
            }
        }

        return table.Grades[^1];
    }
}
