using System.Globalization;

namespace Laobao.Client;

/// <summary>Months of a finding written as ranges of consecutive months, the same on the e-desk and in the app.</summary>
public static class MonthRanges
{
    public static string Join(IReadOnlyList<MonthView> months, bool english)
    {
        ArgumentNullException.ThrowIfNull(months);
        var parts = new List<string>();
        var i = 0;
        while (i < months.Count)
        {
            var j = i;
            while (j + 1 < months.Count && Next(months[j].Iso) == months[j + 1].Iso)
            {
                j++;
            }

            parts.Add(i == j ? months[i].Display : months[i].Display + "–" + months[j].Display);
            i = j + 1;
        }

        return string.Join(english ? ", " : "、", parts);
    }

    private static string Next(string iso)
    {
        var month = DateOnly.ParseExact(iso + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(1);
        return month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }
}
