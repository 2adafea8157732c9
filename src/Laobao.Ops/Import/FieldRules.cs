using System.Globalization;
using Laobao.Domain.Identity;

namespace Laobao.Ops.Import;

/// <summary>Checks for single cells; each failure is one sentence naming the column and the rule.</summary>
internal static class FieldRules
{
    public static string? Required(string column, string? value) =>
        value is null ? $"{column} is empty" : null;

    public static string? IdNumber(string column, string? value, out TaiwanId id)
    {
        id = default;
        if (value is null)
        {
            return $"{column} is empty";
        }

        return TaiwanId.TryParse(value, out id, out var error) ? null : $"{column}: {error.Message}";
    }

    public static string? UnitCode(string column, string? value)
    {
        if (value is null)
        {
            return $"{column} is empty";
        }

        return value.Length == 9 && value.All(char.IsAsciiDigit) ? null : $"{column} '{value}' is not 9 digits";
    }

    public static string? IsoDate(string column, string? value, out DateOnly date)
    {
        date = default;
        if (value is null)
        {
            return $"{column} is empty";
        }

        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            ? null
            : $"{column} '{value}' is not an ISO date YYYY-MM-DD";
    }

    public static string? IsoMonth(string column, string? value, out DateOnly month)
    {
        month = default;
        if (value is null)
        {
            return $"{column} is empty";
        }

        return DateOnly.TryParseExact(value + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month) && value.Length == 7
            ? null
            : $"{column} '{value}' is not an ISO month YYYY-MM";
    }

    /// <summary>A whole number of NT$ without separators or sign, within the bounds.</summary>
    public static string? Amount(string column, string? value, int min, int max, out int amount)
    {
        amount = 0;
        if (value is null)
        {
            return $"{column} is empty";
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out amount))
        {
            return $"{column} '{value}' is not a whole number of NT$ (digits only)";
        }

        return amount < min || amount > max
            ? string.Create(CultureInfo.InvariantCulture, $"{column} {amount} is outside {min}–{max}")
            : null;
    }

    public static string? Word(string column, string? value, IReadOnlyList<string> allowed, out string word)
    {
        word = string.Empty;
        if (value is null)
        {
            return $"{column} is empty (expected {string.Join(", ", allowed)})";
        }

        var lower = value.ToLowerInvariant();
        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, lower, StringComparison.Ordinal))
            {
                word = candidate;
                return null;
            }
        }

        return $"{column} '{value}' is not one of {string.Join(", ", allowed)}";
    }

    public static string? Text(string column, string? value, int maxLength) =>
        value is not null && value.Length > maxLength
            ? string.Create(CultureInfo.InvariantCulture, $"{column} is longer than {maxLength} characters")
            : null;
}
