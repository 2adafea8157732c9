using System.Globalization;

namespace Laobao.Domain.Coverage;

/// <summary>Seniority for one kind of cover: the days in the union of its periods across all units (SPEC §2).</summary>
public static class SeniorityCalculator
{
    /// <summary>
    /// Counts each calendar day at most once, both ends included. An open period runs to <paramref name="asOf"/>;
    /// a period ending after <paramref name="asOf"/> is cut there, and one starting after it counts nothing,
    /// so seniority "as of" a date never includes days that have not yet happened.
    /// </summary>
    /// <exception cref="ArgumentException">A period ends before it starts.</exception>
    public static Seniority Compute(IEnumerable<CoveragePeriod> periods, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(periods);

        var clipped = new List<(int Start, int End)>();
        foreach (var period in periods)
        {
            if (period.End is { } end && end < period.Start)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"a coverage period ends ({end:yyyy-MM-dd}) before it starts ({period.Start:yyyy-MM-dd})"),
                    nameof(periods));
            }

            if (period.Start > asOf)
            {
                continue;
            }

            var last = period.End is { } e && e < asOf ? e : asOf;
            clipped.Add((period.Start.DayNumber, last.DayNumber));
        }

        clipped.Sort();
        var total = 0;
        var runStart = 0;
        var runEnd = -1;
        foreach (var (start, end) in clipped)
        {
            if (start > runEnd + 1)
            {
                total += runEnd - runStart + 1;
                (runStart, runEnd) = (start, end);
            }
            else if (end > runEnd)
            {
                runEnd = end;
            }
        }

        total += runEnd - runStart + 1;
        return new Seniority(total);
    }
}
