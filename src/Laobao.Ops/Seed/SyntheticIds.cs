namespace Laobao.Ops.Seed;

/// <summary>Builds valid ID numbers of each kind (SPEC §1) from a unique serial, so synthetic people never collide.</summary>
internal static class SyntheticIds
{
    private static readonly int[] LetterCodes =
    [
        10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21,
        22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33,
    ];

    private static readonly int[] Weights = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1];

    /// <summary>National ID <c>[A-Z][12]\d{8}</c>; <paramref name="serial"/> below 10,000,000.</summary>
    public static string NationalId(char letter, bool female, int serial) => WithCheck(letter, female ? '2' : '1', serial);

    /// <summary>New resident UI number <c>[A-Z][89]\d{8}</c>.</summary>
    public static string ResidentNew(char letter, bool female, int serial) => WithCheck(letter, female ? '9' : '8', serial);

    /// <summary>Old ARC number <c>[A-Z][A-D]\d{8}</c>: the second letter counts as the units digit of its code.</summary>
    public static string ArcOld(char letter, char second, int serial) => WithCheck(letter, second, serial);

    private static string WithCheck(char letter, char second, int serial)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(serial);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(serial, 10_000_000);
        Span<int> digits = stackalloc int[10];
        var code = LetterCodes[letter - 'A'];
        digits[0] = code / 10;
        digits[1] = code % 10;
        digits[2] = char.IsAsciiDigit(second) ? second - '0' : LetterCodes[second - 'A'] % 10;
        var body = serial;
        for (var i = 9; i >= 3; i--)
        {
            digits[i] = body % 10;
            body /= 10;
        }

        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            sum += digits[i] * Weights[i];
        }

        var check = (10 - (sum % 10)) % 10;
        Span<char> text = stackalloc char[10];
        text[0] = letter;
        text[1] = second;
        for (var i = 3; i < 10; i++)
        {
            text[i - 1] = (char)('0' + digits[i]);
        }

        text[9] = (char)('0' + check);
        return new string(text);
    }
}
