using System.Globalization;
using Laobao.Domain.Dates;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>
/// A terms version is the date it took effect; shown, like every date, in both calendars (<c>115/11/01 (2026-11-01)</c>).
/// A version that is not a date is shown as it is.
/// </summary>
public static class TermsVersionText
{
    public static string Display(string? version) =>
        DateOnly.TryParseExact(version, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? RocDate.FormatBoth(date)
            : version ?? "";
}
