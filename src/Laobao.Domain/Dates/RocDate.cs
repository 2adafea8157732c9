using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Laobao.Domain.Text;

namespace Laobao.Domain.Dates;

/// <summary>Why a text is not an ROC date. The message is English and says what is wrong.</summary>
public sealed record RocDateError(string Message);

/// <summary>
/// Dates in the Republic of China calendar (民國), ROC year = Gregorian year − 1911 (SPEC §1).
/// Parsed by hand: <c>TaiwanCalendar</c> reads compact years greedily and is unavailable under InvariantGlobalization.
/// </summary>
public static class RocDate
{
    /// <summary>Gregorian year of ROC year 1.</summary>
    public const int Epoch = 1911;

    /// <summary>The first day with an ROC year.</summary>
    public static readonly DateOnly MinValue = new(1912, 1, 1);

    /// <summary>The last day whose ROC year fits the three digits of the compact form (ROC 999).</summary>
    public static readonly DateOnly MaxValue = new(Epoch + 999, 12, 31);

    private const string Forms = "use YYYMMDD (0600102), YYY/MM/DD (060/01/02) or YYY-MM-DD (060-01-02)";

    /// <summary>Accepts compact <c>0600102</c>, <c>060/01/02</c>, <c>060-01-02</c> and <c>60/01/02</c>; full-width digits too.</summary>
    public static bool TryParse(string? input, out DateOnly date, [NotNullWhen(false)] out RocDateError? error)
    {
        date = default;
        var text = input is null ? string.Empty : InputText.FoldWidth(input).Trim();
        error = text.Length == 0 ? new RocDateError("date is empty; " + Forms) : Parse(text, out date);
        return error is null;
    }

    /// <summary><c>0600102</c>: three-digit ROC year, month, day.</summary>
    public static string ToCompact(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{RocYear(date):D3}{date.Month:D2}{date.Day:D2}");

    /// <summary><c>060/01/02</c>.</summary>
    public static string ToSlashed(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{RocYear(date):D3}/{date.Month:D2}/{date.Day:D2}");

    /// <summary><c>060/01/02 (1971-01-02)</c>: how every date is shown to a person (SPEC §0).</summary>
    public static string FormatBoth(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{ToSlashed(date)} ({date:yyyy-MM-dd})");

    /// <exception cref="ArgumentOutOfRangeException">The date is before 1912-01-01 or after ROC year 999.</exception>
    public static int RocYear(DateOnly date)
    {
        if (date < MinValue || date > MaxValue)
        {
            throw new ArgumentOutOfRangeException(
                nameof(date),
                date,
                string.Create(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd} has no ROC year between 1 and 999 ({MinValue:yyyy-MM-dd} to {MaxValue:yyyy-MM-dd})"));
        }

        return date.Year - Epoch;
    }

    private static RocDateError? Parse(string text, out DateOnly date)
    {
        date = default;
        if (IsDigits(text))
        {
            if (text.Length != 7)
            {
                return new RocDateError(string.Create(
                    CultureInfo.InvariantCulture,
                    $"a compact ROC date has 7 digits YYYMMDD, with a leading zero below year 100 (0600102 is 1971-01-02); got {text.Length} digits"));
            }

            return Build(Number(text[..3]), Number(text[3..5]), Number(text[5..]), out date);
        }

        var separator = text.Contains('/', StringComparison.Ordinal) ? '/' : '-';
        var parts = text.Split(separator);
        if (parts.Length != 3 || !parts.All(p => p.Length > 0 && IsDigits(p)))
        {
            return new RocDateError("not an ROC date: " + Forms);
        }

        if (parts[0].Length > 3)
        {
            return new RocDateError(
                $"the year has {parts[0].Length} digits, like a Gregorian year; an ROC year has at most 3 (ROC year = Gregorian year − 1911)");
        }

        if (parts[1].Length > 2 || parts[2].Length > 2)
        {
            return new RocDateError("month and day have at most 2 digits: " + Forms);
        }

        return Build(Number(parts[0]), Number(parts[1]), Number(parts[2]), out date);
    }

    private static RocDateError? Build(int rocYear, int month, int day, out DateOnly date)
    {
        date = default;
        if (rocYear == 0)
        {
            return new RocDateError("ROC year 0 does not exist: ROC year 1 is 1912, and dates before 1912-01-01 have no ROC year");
        }

        if (month is < 1 or > 12)
        {
            return new RocDateError(string.Create(CultureInfo.InvariantCulture, $"month must be 01 to 12; got {month:D2}"));
        }

        var year = rocYear + Epoch;
        var daysInMonth = DateTime.DaysInMonth(year, month);
        if (day < 1 || day > daysInMonth)
        {
            return new RocDateError(string.Create(
                CultureInfo.InvariantCulture,
                $"day {day:D2} does not exist: ROC {rocYear:D3}/{month:D2} ({year:D4}-{month:D2}) has days 01 to {daysInMonth:D2}"));
        }

        date = new DateOnly(year, month, day);
        return null;
    }

    private static bool IsDigits(string text) => text.All(char.IsAsciiDigit);

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
