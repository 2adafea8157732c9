using System.Globalization;
using System.Net;
using System.Text;

namespace Laobao.Client;

/// <summary>
/// The career timeline picture above the coverage list (issue 14, item 20), as inline SVG the e-desk and the app both
/// draw: years along the bottom, one row per insured unit, the insured salary as steps (taller is more), gaps left
/// empty. Drawn 360 units wide, so at phone width it is shown one to one and its text stays readable; wider screens
/// scale it up. The picture is decorative beside its text alternative, which the page lists under it.
/// </summary>
public static class CareerTimeline
{
    private const double Width = 360;
    private const double Left = 4;
    private const double Right = 356;
    private const double RowHeight = 42;
    private const double LabelHeight = 15;
    private const double AxisHeight = 20;

    /// <param name="groups">The grouped coverage, in any order.</param>
    /// <param name="asOf">The day the records are as of; open periods run to it.</param>
    /// <param name="unitName">The name to print for a unit (the page's language picks it).</param>
    /// <param name="title">The picture's accessible name.</param>
    /// <param name="titleId">The id of its title element (unique on the page).</param>
    public static string Svg(IReadOnlyList<CoverageGroup> groups, DateOnly asOf, Func<CoverageGroup, string> unitName, string title, string titleId)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(unitName);
        var units = groups.GroupBy(g => g.UnitCode).Select(u => u.OrderBy(g => g.Start.Iso, StringComparer.Ordinal).ToList())
            .OrderBy(u => u[0].Start.Iso, StringComparer.Ordinal).ToList();
        var height = (units.Count * RowHeight) + AxisHeight + 4;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"career-timeline\" id=\"career-timeline\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{titleId}\" xmlns=\"http://www.w3.org/2000/svg\" preserveAspectRatio=\"xMinYMin meet\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{titleId}\">{WebUtility.HtmlEncode(title)}</title>");
        if (units.Count == 0)
        {
            return svg.Append("</svg>").ToString();
        }

        var first = groups.Min(g => Day(g.Start));
        var from = new DateOnly(first.Year, 1, 1);
        var to = new DateOnly(asOf.Year + 1, 1, 1);
        var span = Math.Max(1, to.DayNumber - from.DayNumber);
        double X(DateOnly day) => Left + ((Right - Left) * (day.DayNumber - from.DayNumber) / span);
        var maxSalary = Math.Max(1, groups.SelectMany(g => g.SalarySteps.Select(s => s.InsuredSalary)).DefaultIfEmpty(LargestCurrentSalary(groups)).Max());

        for (var row = 0; row < units.Count; row++)
        {
            var top = row * RowHeight;
            var bottom = top + RowHeight - 4;
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"timeline-unit\" data-unit=\"{WebUtility.HtmlEncode(units[row][0].UnitCode)}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{top + LabelHeight - 2}\" class=\"timeline-label\" font-size=\"13\">{WebUtility.HtmlEncode(unitName(units[row][0]))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Right}\" y1=\"{F(bottom)}\" y2=\"{F(bottom)}\" class=\"timeline-base\" stroke=\"#b8c2cc\" stroke-width=\"0.5\"/>");
            foreach (var group in units[row])
            {
                var steps = group.SalarySteps.Count > 0
                    ? group.SalarySteps
                    : [new SalaryStepView(group.Start, group.End, group.CurrentInsuredSalary)];
                foreach (var step in steps)
                {
                    var start = Day(step.From);
                    var end = step.To is { } stepTo ? Day(stepTo).AddDays(1) : group.End is { } groupEnd ? Day(groupEnd).AddDays(1) : asOf.AddDays(1);
                    var barHeight = Math.Max(3, (RowHeight - LabelHeight - 6) * step.InsuredSalary / maxSalary);
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<rect class=\"timeline-step\" x=\"{F(X(start))}\" y=\"{F(bottom - barHeight)}\" width=\"{F(Math.Max(0.8, X(end) - X(start)))}\" height=\"{F(barHeight)}\" fill=\"#0b5cad\"/>");
                }
            }

            svg.Append("</g>");
        }

        // Years along the bottom: at most six labels, so they never crowd at phone width.
        var axis = units.Count * RowHeight;
        var years = to.Year - from.Year;
        var every = years <= 6 ? 1 : years <= 12 ? 2 : years <= 30 ? 5 : 10;
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"timeline-axis\" font-size=\"11\" fill=\"#4a4a4a\"><line x1=\"{Left}\" x2=\"{Right}\" y1=\"{F(axis)}\" y2=\"{F(axis)}\" stroke=\"#4a4a4a\" stroke-width=\"0.6\"/>");
        for (var year = from.Year; year < to.Year; year++)
        {
            if ((year - from.Year) % every != 0)
            {
                continue;
            }

            var x = X(new DateOnly(year, 1, 1));
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" x2=\"{F(x)}\" y1=\"{F(axis)}\" y2=\"{F(axis + 3)}\" stroke=\"#4a4a4a\" stroke-width=\"0.6\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x + 1)}\" y=\"{F(axis + 14)}\">{year}</text>");
        }

        return svg.Append("</g></svg>").ToString();
    }

    /// <summary>The gaps between insured spells, across all units, up to <paramref name="asOf"/>.</summary>
    public static IReadOnlyList<(DateOnly From, DateOnly To)> Gaps(IReadOnlyList<CoverageGroup> groups, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var spells = groups.Select(g => (From: Day(g.Start), To: g.End is { } end ? Day(end) : asOf)).OrderBy(s => s.From).ToList();
        var gaps = new List<(DateOnly, DateOnly)>();
        DateOnly? covered = null;
        foreach (var (start, end) in spells)
        {
            if (covered is { } until && start > until.AddDays(1))
            {
                gaps.Add((until.AddDays(1), start.AddDays(-1)));
            }

            covered = covered is { } c && c > end ? c : end;
        }

        return gaps;
    }

    public static DateOnly Day(DateView date)
    {
        ArgumentNullException.ThrowIfNull(date);
        return DateOnly.ParseExact(date.Iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static int LargestCurrentSalary(IReadOnlyList<CoverageGroup> groups) => groups.Count == 0 ? 1 : groups.Max(g => g.CurrentInsuredSalary);

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
