namespace Laobao.Domain.Identity;

/// <summary>The check-digit arithmetic of SPEC §1, on a text already known to match one of the patterns.</summary>
internal static class IdNumberChecksum
{
    // Letter codes A10 … Z33 in alphabetical order; I, O, W, X, Y, Z were added later, hence the jumps.
    private static ReadOnlySpan<byte> LetterCodes =>
    [
        10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21,
        22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33,
    ];

    private static ReadOnlySpan<byte> Weights => [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];

    public static int LetterCode(char letter) => LetterCodes[letter - 'A'];

    /// <summary>True when the weighted sum of the eleven digits is divisible by 10.</summary>
    public static bool IsValid(ReadOnlySpan<char> value, IdNumberKind kind)
    {
        Span<int> digits = stackalloc int[11];
        var code = LetterCode(value[0]);
        digits[0] = code / 10;
        digits[1] = code % 10;

        // Old ARC numbers carry a letter in second place; it counts as the units digit of its own code (A→0 … D→3).
        digits[2] = kind == IdNumberKind.ArcOld ? LetterCode(value[1]) % 10 : value[1] - '0';
        for (var i = 2; i < 10; i++)
        {
            digits[i + 1] = value[i] - '0';
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            sum += digits[i] * Weights[i];
        }

        return sum % 10 == 0;
    }
}
