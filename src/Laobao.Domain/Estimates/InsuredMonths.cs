namespace Laobao.Domain.Estimates;

/// <summary>
/// One stretch of labour-insurance cover at one unit at one insured salary: a period, or the part of it between two
/// salary adjustments. Both ends count; a null <see cref="To"/> is open.
/// </summary>
public readonly record struct InsuredStretch(string UnitCode, DateOnly From, DateOnly? To, int InsuredSalary);

/// <summary>The monthly insured salary of one covered calendar month (<see cref="Month"/> is its first day).</summary>
public readonly record struct InsuredMonth(DateOnly Month, int Salary);

/// <summary>
/// The monthly insured salary of each covered calendar month (SPEC §9): the highest day of the month, where a day
/// covered by one unit has that unit's salary, and a day covered by several has their sum when that concurrent cover
/// lasts 30 days or more in a row (勞工保險條例 Art. 19), else the highest of them; each day capped at the top grade
/// in force. A job change in mid-month is therefore never a sum.
/// </summary>
public static class InsuredMonths
{
    /// <summary>Covered months, oldest first, up to and including <paramref name="asOf"/>.</summary>
    /// <exception cref="ArgumentException">A stretch ends before it starts or has a negative salary.</exception>
    public static IReadOnlyList<InsuredMonth> Compute(IEnumerable<InsuredStretch> stretches, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(stretches);
        var clipped = new List<(int From, int To, string Unit, int Salary)>();
        foreach (var s in stretches)
        {
            if (s.To is { } to && to < s.From)
            {
                throw new ArgumentException($"a stretch at unit {s.UnitCode} ends ({to:yyyy-MM-dd}) before it starts ({s.From:yyyy-MM-dd})", nameof(stretches));
            }

            if (s.InsuredSalary < 0)
            {
                throw new ArgumentException($"a stretch at unit {s.UnitCode} has a negative insured salary", nameof(stretches));
            }

            if (s.From > asOf)
            {
                continue;
            }

            var last = s.To is { } end && end < asOf ? end : asOf;
            clipped.Add((s.From.DayNumber, last.DayNumber, s.UnitCode, s.InsuredSalary));
        }

        if (clipped.Count == 0)
        {
            return [];
        }

        // Elementary segments: between two consecutive boundaries the set of covering stretches, the top grade and
        // the calendar month do not change, so one value stands for every day of the segment.
        var bounds = new SortedSet<int>();
        var first = clipped.Min(c => c.From);
        var lastDay = clipped.Max(c => c.To);
        foreach (var c in clipped)
        {
            bounds.Add(c.From);
            bounds.Add(c.To + 1);
        }

        foreach (var row in OldAgeRules.TopGrades)
        {
            if (row.EffectiveFrom.DayNumber > first && row.EffectiveFrom.DayNumber <= lastDay)
            {
                bounds.Add(row.EffectiveFrom.DayNumber);
            }
        }

        for (var month = FirstOfMonth(DateOnly.FromDayNumber(first)).AddMonths(1); month.DayNumber <= lastDay; month = month.AddMonths(1))
        {
            bounds.Add(month.DayNumber);
        }

        var edges = bounds.ToArray();
        var segments = new List<Segment>(edges.Length);
        for (var i = 0; i + 1 < edges.Length; i++)
        {
            var from = edges[i];
            var to = edges[i + 1] - 1;
            // One salary per unit: two stretches of one unit on the same day (a data fault) count as its higher one.
            var byUnit = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var c in clipped)
            {
                if (c.From <= from && to <= c.To)
                {
                    byUnit[c.Unit] = byUnit.TryGetValue(c.Unit, out var had) ? Math.Max(had, c.Salary) : c.Salary;
                }
            }

            if (byUnit.Count > 0)
            {
                segments.Add(new Segment(from, to, byUnit.Values.Max(), byUnit.Values.Sum(v => (long)v), byUnit.Count));
            }
        }

        // Runs of concurrent cover (two or more units on every day, day after day): summed only when 30 days or more.
        var combine = new bool[segments.Count];
        for (var i = 0; i < segments.Count;)
        {
            if (segments[i].Units < 2)
            {
                i++;
                continue;
            }

            var j = i;
            var days = 0;
            while (j < segments.Count && segments[j].Units >= 2 && (j == i || segments[j].From == segments[j - 1].To + 1))
            {
                days += segments[j].To - segments[j].From + 1;
                j++;
            }

            for (var k = i; k < j; k++)
            {
                combine[k] = days >= OldAgeRules.ConcurrentDaysToCombine;
            }

            i = j;
        }

        var months = new List<InsuredMonth>();
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var start = DateOnly.FromDayNumber(segment.From);
            var day = combine[i] ? segment.Sum : segment.Highest;
            var value = (int)Math.Min(day, OldAgeRules.TopGradeOn(start));
            var month = FirstOfMonth(start);
            if (months.Count > 0 && months[^1].Month == month)
            {
                months[^1] = new InsuredMonth(month, Math.Max(months[^1].Salary, value));
            }
            else
            {
                months.Add(new InsuredMonth(month, value));
            }
        }

        return months;
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    private readonly record struct Segment(int From, int To, int Highest, long Sum, int Units);
}
