using System.Globalization;
using Laobao.Client;
using Laobao.Domain.Dates;

namespace Laobao.Web.Features.Inquiry;

/// <summary>The one place dates, months and amounts of the inquiry are formatted, for the API and the e-desk alike.</summary>
public static class InquiryFormat
{
    public static DateView Date(DateOnly date) =>
        new(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), RocDate.ToSlashed(date), RocDate.FormatBoth(date));

    public static DateView? Date(DateOnly? date) => date is { } d ? Date(d) : null;

    /// <summary>114/01 (2025-01).</summary>
    public static MonthView Month(DateOnly firstDay)
    {
        var iso = firstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var roc = RocDate.RocYear(firstDay).ToString("000", CultureInfo.InvariantCulture) + "/" + firstDay.Month.ToString("00", CultureInfo.InvariantCulture);
        return new MonthView(iso, roc, roc + " (" + iso + ")");
    }

    /// <summary>NT$ amounts with thousands separators, the same in both languages.</summary>
    public static string Amount(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>An amount with its unit for the page: <c>45,800 元</c> in Chinese, <c>NT$45,800</c> in English.</summary>
    public static string Amount(long value, Laobao.Web.Localization.UiLanguage language) =>
        string.Format(CultureInfo.InvariantCulture, Laobao.Web.Localization.CopyDeck.Text("amountYuan", language), Amount(value));
}
