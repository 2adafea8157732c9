using Laobao.Domain.Coverage;
using Laobao.Domain.Pension;

namespace Laobao.Domain.RecordHealth;

/// <summary>
/// The record health checks of SPEC §12 on one person's record as of a day: pure, so the e-desk, the app, the API and
/// the rule tests all read the same findings. Findings come in a stable order: by code as listed in
/// <see cref="HealthCodes.All"/>, then by their first month. An empty list means the record looks right.
/// </summary>
public static class HealthChecker
{
    public static IReadOnlyList<HealthFinding> Check(HealthRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var findings = new List<HealthFinding>();
        var stretches = record.Stretches
            .Where(s => s.From <= record.AsOf)
            .Select(s => s with { To = s.To is { } to && to < record.AsOf ? to : record.AsOf })
            .ToList();
        foreach (var s in stretches)
        {
            if (s.To < s.From)
            {
                throw new ArgumentException($"a stretch at unit {s.UnitCode} ends before it starts", nameof(record));
            }
        }

        var labour = stretches.Where(s => s.Kind == InsuranceKind.Labour).ToList();
        findings.AddRange(Gaps(labour));
        findings.AddRange(BelowMinimum(stretches));
        findings.AddRange(MissingPensionMonths(stretches, record));
        findings.AddRange(EmployerBelowSixPercent(record.Contributions, record.AsOf));
        if (NearThreshold(labour, record.AsOf) is { } near)
        {
            findings.Add(near);
        }

        return findings;
    }

    /// <summary>Runs of consecutive covered days of labour insurance, across all units; the holes between runs are gaps.</summary>
    private static IEnumerable<HealthFinding> Gaps(List<HealthStretch> labour)
    {
        var runs = new List<(DateOnly From, DateOnly To)>();
        foreach (var s in labour.OrderBy(s => s.From))
        {
            var to = s.To!.Value;
            if (runs.Count > 0 && s.From.DayNumber <= runs[^1].To.DayNumber + 1)
            {
                if (to > runs[^1].To)
                {
                    runs[^1] = (runs[^1].From, to);
                }
            }
            else
            {
                runs.Add((s.From, to));
            }
        }

        for (var i = 1; i < runs.Count; i++)
        {
            var from = runs[i - 1].To.AddDays(1);
            var to = runs[i].From.AddDays(-1);
            yield return new HealthFinding(HealthCodes.CoverageGap, MonthsBetween(from, to), From: from, To: to, Days: to.DayNumber - from.DayNumber + 1);
        }
    }

    /// <summary>Months of labour or employment cover at an insured salary below the minimum grade in force that month.</summary>
    private static IEnumerable<HealthFinding> BelowMinimum(List<HealthStretch> stretches)
    {
        var byUnit = new SortedDictionary<(string Unit, int Salary), SortedSet<DateOnly>>();
        foreach (var s in stretches.Where(s => s.Kind is InsuranceKind.Labour or InsuranceKind.Employment))
        {
            foreach (var month in MonthsBetween(s.From, s.To!.Value))
            {
                // The minimum changes on 1 January, so the month's first day stands for all of it.
                if (HealthRules.MinimumGradeOn(month) is { } minimum && s.InsuredSalary < minimum)
                {
                    var key = (s.UnitCode, s.InsuredSalary);
                    if (!byUnit.TryGetValue(key, out var months))
                    {
                        byUnit[key] = months = [];
                    }

                    months.Add(month);
                }
            }
        }

        return byUnit
            .Select(e => new HealthFinding(
                HealthCodes.SalaryBelowMinimum, [.. e.Value], e.Key.Unit, Amount: e.Key.Salary))
            .OrderBy(f => f.Months[0]).ThenBy(f => f.UnitCode, StringComparer.Ordinal);
    }

    /// <summary>Months covered at a unit on an eligible day, already due, with no contribution from that unit.</summary>
    private static IEnumerable<HealthFinding> MissingPensionMonths(List<HealthStretch> stretches, HealthRecord record)
    {
        if (record.PensionEligibleFrom is not { } eligible)
        {
            yield break;
        }

        var start = eligible < PensionEligibility.NewSchemeStart ? PensionEligibility.NewSchemeStart : eligible;
        var paid = record.Contributions.Select(c => (c.UnitCode, c.Month)).ToHashSet();
        var missing = new SortedDictionary<string, SortedSet<DateOnly>>(StringComparer.Ordinal);
        foreach (var s in stretches)
        {
            var to = s.To!.Value;
            if (to < start)
            {
                continue;
            }

            var from = s.From < start ? start : s.From;
            foreach (var month in MonthsBetween(from, to))
            {
                if (!IsDue(month, record.AsOf) || paid.Contains((s.UnitCode, month)))
                {
                    continue;
                }

                if (!missing.TryGetValue(s.UnitCode, out var months))
                {
                    missing[s.UnitCode] = months = [];
                }

                months.Add(month);
            }
        }

        foreach (var e in missing.OrderBy(e => e.Value.Min))
        {
            yield return new HealthFinding(HealthCodes.PensionMonthMissing, [.. e.Value], e.Key);
        }
    }

    private static IEnumerable<HealthFinding> EmployerBelowSixPercent(IReadOnlyList<HealthContribution> contributions, DateOnly asOf)
    {
        // Amounts are whole NT$, so a contribution rounded down to the dollar is not short: only more than NT$1 under 6 % counts.
        return contributions
            .Where(c => c.Month <= asOf && (c.EmployerAmount * 100L) < (c.Wage * (long)HealthRules.EmployerMinimumPercent) - 100)
            .GroupBy(c => c.UnitCode, StringComparer.Ordinal)
            .Select(g => new HealthFinding(
                HealthCodes.PensionEmployerBelowSixPercent, [.. g.Select(c => c.Month).Distinct().Order()], g.Key))
            .OrderBy(f => f.Months[0]).ThenBy(f => f.UnitCode, StringComparer.Ordinal);
    }

    private static HealthFinding? NearThreshold(List<HealthStretch> labour, DateOnly asOf)
    {
        var days = SeniorityCalculator.Compute(labour.Select(s => new CoveragePeriod(s.From, s.To)), asOf).TotalDays;
        if (days < HealthRules.ThresholdDays - HealthRules.NearDays || days >= HealthRules.ThresholdDays)
        {
            return null;
        }

        var missing = HealthRules.ThresholdDays - days;
        var coveredToday = labour.Any(s => s.From <= asOf && s.To >= asOf);
        return new HealthFinding(
            HealthCodes.SeniorityNearThreshold, [], Days: missing, ReachedOn: coveredToday ? asOf.AddDays(missing) : null);
    }

    /// <summary>A month is due once the end of the month in which its contribution must be paid has passed.</summary>
    private static bool IsDue(DateOnly month, DateOnly asOf) => asOf >= month.AddMonths(HealthRules.PaymentMonthsAfter + 1);

    /// <summary>First days of every month that <paramref name="from"/>..<paramref name="to"/> touches.</summary>
    public static IReadOnlyList<DateOnly> MonthsBetween(DateOnly from, DateOnly to)
    {
        var months = new List<DateOnly>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
        {
            months.Add(m);
        }

        return months;
    }
}
