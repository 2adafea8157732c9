using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Laobao.Web.Features.Statements;

/// <summary>
/// The 16-character verification code of a statement: 80 random bits in Crockford base32, shown as
/// XXXX-XXXX-XXXX-XXXX. Reading forgives what Crockford forgives: case, hyphens and spaces, O for 0, I and L for 1.
/// </summary>
public static class StatementCode
{
    public const int Length = 16;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[Length];
        var bits = 0;
        var buffer = 0;
        var n = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[n++] = Alphabet[(buffer >> bits) & 31];
            }
        }

        return new string(chars);
    }

    public static string Grouped(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return $"{code[..4]}-{code[4..8]}-{code[8..12]}-{code[12..]}";
    }

    /// <summary>The canonical 16 characters, or false for anything that cannot be a code (it is then answered like an unknown one).</summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? code)
    {
        code = null;
        if (input is null || input.Length > 40)
        {
            return false;
        }

        var chars = new List<char>(Length);
        foreach (var raw in input)
        {
            if (raw is '-' or ' ')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (!Alphabet.Contains(c, StringComparison.Ordinal) || chars.Count == Length)
            {
                return false;
            }

            chars.Add(c);
        }

        if (chars.Count != Length)
        {
            return false;
        }

        code = new string([.. chars]);
        return true;
    }
}
