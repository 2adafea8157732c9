namespace Laobao.Client;

/// <summary>
/// Coverage periods of one unit that share their dates and salary history, with every kind they cover: a worker
/// insured for labour, employment and occupational accident at one employer reads one entry, not three alike.
/// </summary>
public sealed record CoverageGroup(
    string UnitCode,
    string UnitName,
    string? UnitNameLatin,
    IReadOnlyList<string> Kinds,
    DateView Start,
    DateView? End,
    int CurrentInsuredSalary,
    IReadOnlyList<SalaryStepView> SalarySteps);

/// <summary>Groups the API's per-kind periods (SPEC §7 keeps them per kind) for the e-desk and the app alike.</summary>
public static class CoverageGroups
{
    /// <summary>The order kinds are named in: labour, employment, occupational accident.</summary>
    private static readonly string[] KindOrder = ["labour", "employment", "occupational"];

    public static IReadOnlyList<CoverageGroup> Of(IEnumerable<CoveragePeriodView> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        return periods
            .GroupBy(p => (p.UnitCode, Start: p.Start.Iso, End: p.End?.Iso, Steps: string.Join(';', p.SalarySteps.Select(s => s.From.Iso + "=" + s.InsuredSalary.ToString(System.Globalization.CultureInfo.InvariantCulture)))))
            .Select(g =>
            {
                var first = g.First();
                var kinds = g.Select(p => p.Kind).Distinct(StringComparer.Ordinal).OrderBy(Rank).ToList();
                return new CoverageGroup(first.UnitCode, first.UnitName, first.UnitNameLatin, kinds, first.Start, first.End, first.CurrentInsuredSalary, first.SalarySteps);
            })
            .ToList();
    }

    private static int Rank(string kind)
    {
        var index = Array.IndexOf(KindOrder, kind);
        return index < 0 ? KindOrder.Length : index;
    }
}
