using System.Globalization;
using Laobao.Domain.Dates;
using Laobao.Domain.Text;
using Laobao.Ops.Identity;

namespace Laobao.Ops.Dates;

/// <summary>
/// <c>laobao date VALUE</c>: ROC → Gregorian (<c>0600102</c> → <c>1971-01-02</c>) and back (SPEC §3).
/// Prints only the converted value, so scripts can use the output as it is.
/// </summary>
internal static class DateCommand
{
    public const string Usage = "laobao date VALUE";

    public const string Summary = "convert an ROC date to Gregorian or back (0600102 <-> 1971-01-02)";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var input = IdCommand.OneArgument(args, "VALUE");
        if (input is "-h" or "--help")
        {
            await output.WriteLineAsync($"Usage: {Usage}  ({Summary})").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var text = InputText.FoldWidth(input).Trim();
        var (converted, problem) = IsGregorianShape(text) ? FromGregorian(text) : FromRoc(text);
        if (problem is not null)
        {
            await error.WriteLineAsync($"laobao date: {problem}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        await output.WriteLineAsync(converted).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>ISO <c>YYYY-MM-DD</c>: a four-digit year can only be Gregorian, as ROC years have at most three digits.</summary>
    private static bool IsGregorianShape(string text) =>
        text.Length == 10 && text[4] == '-' && text[7] == '-'
        && text.Where((c, i) => i is not (4 or 7)).All(char.IsAsciiDigit);

    private static (string? Converted, string? Problem) FromGregorian(string text)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (null, $"{text} is not a day of the Gregorian calendar (month 01 to 12, and a day that month has)");
        }

        if (date < RocDate.MinValue)
        {
            return (null, $"{text} is before 1912-01-01, the first day of ROC year 1");
        }

        if (date > RocDate.MaxValue)
        {
            return (null, $"{text} is after {RocDate.MaxValue:yyyy-MM-dd}, the last day of ROC year 999");
        }

        return (RocDate.ToCompact(date), null);
    }

    private static (string? Converted, string? Problem) FromRoc(string text) =>
        RocDate.TryParse(text, out var date, out var problem)
            ? (date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null)
            : (null, problem.Message);
}
