using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Laobao.Domain.Text;

namespace Laobao.Domain.Identity;

/// <summary>
/// A national ID, new resident UI number or old ARC number that has passed its pattern and checksum
/// (SPEC §1). <see cref="Value"/> is always the normalised form.
/// </summary>
public readonly record struct TaiwanId(string Value, IdNumberKind Kind)
{
    private const int Length = 10;

    /// <summary>Trim, NFKC (full-width to ASCII), upper-case; white space inside the number is dropped too.</summary>
    public static string Normalize(string? input)
    {
        if (input is null)
        {
            return string.Empty;
        }

        return InputText.RemoveWhiteSpace(InputText.FoldWidth(input)).ToUpperInvariant();
    }

    public static bool TryParse(string? input, out TaiwanId id, [NotNullWhen(false)] out IdNumberError? error)
    {
        id = default;
        var value = Normalize(input);
        error = Check(value, out var kind);
        if (error is not null)
        {
            return false;
        }

        id = new TaiwanId(value, kind);
        return true;
    }

    /// <exception cref="FormatException">The text is not a valid ID number; the message names the rule.</exception>
    public static TaiwanId Parse(string input)
    {
        return TryParse(input, out var id, out var error) ? id : throw new FormatException(error.Message);
    }

    /// <summary>The form allowed in logs and on screens that need not show the whole number: <c>A12****789</c>.</summary>
    public string Masked => Value is { Length: Length } ? string.Concat(Value.AsSpan(0, 3), "****", Value.AsSpan(7)) : string.Empty;

    /// <summary>The last four characters, as MOICA certificates carry them (SPEC §4.4).</summary>
    public string LastFour => Value is { Length: Length } ? Value[^4..] : string.Empty;

    /// <summary>Masked on purpose, so an ID number interpolated into a log line does not leak; use <see cref="Value"/> for the number.</summary>
    public override string ToString() => Masked;

    private static IdNumberError? Check(string value, out IdNumberKind kind)
    {
        kind = default;
        if (value.Length == 0)
        {
            return new IdNumberError(IdNumberRule.Empty, "ID number is empty");
        }

        if (value.Length != Length)
        {
            return new IdNumberError(
                IdNumberRule.Length,
                string.Create(CultureInfo.InvariantCulture, $"ID number must be {Length} characters; got {value.Length}"));
        }

        if (value[0] is < 'A' or > 'Z')
        {
            return Pattern($"the first character must be a letter A–Z; got '{value[0]}'");
        }

        switch (value[1])
        {
            case '1' or '2':
                kind = IdNumberKind.NationalId;
                break;
            case '8' or '9':
                kind = IdNumberKind.ResidentNew;
                break;
            case >= 'A' and <= 'D':
                kind = IdNumberKind.ArcOld;
                break;
            default:
                return Pattern(
                    $"the second character must be 1 or 2 (national ID), 8 or 9 (resident UI number) or A–D (old ARC number); got '{value[1]}'");
        }

        for (var i = 2; i < Length; i++)
        {
            if (value[i] is < '0' or > '9')
            {
                return Pattern(string.Create(
                    CultureInfo.InvariantCulture,
                    $"characters 3 to 10 must be digits; character {i + 1} is '{value[i]}'"));
            }
        }

        if (!IdNumberChecksum.IsValid(value, kind))
        {
            return new IdNumberError(
                IdNumberRule.Checksum,
                "checksum digit is wrong: the last digit does not match the first nine characters; check the number for a typing mistake");
        }

        return null;
    }

    private static IdNumberError Pattern(string detail) => new(IdNumberRule.Pattern, "ID number has the wrong pattern: " + detail);
}
