using System.Globalization;

namespace Laobao.Web.Security.Passwords;

/// <summary>Why a new password is refused; each has a sentence in both languages under <c>password.&lt;code&gt;</c>.</summary>
public static class PasswordProblems
{
    public const string Empty = "password.empty";
    public const string TooShort = "password.too-short";
    public const string TooLong = "password.too-long";
    public const string Common = "password.common";
    public const string Personal = "password.personal";
    public const string Weak = "password.weak";
    public const string Mismatch = "password.mismatch";
}

/// <summary>
/// SPEC §5 password rules, after NIST SP 800-63B: 12–128 characters of any kind, no composition rules, refused
/// when it is a common password or zxcvbn estimates it weak (score below 3, about 10^8 guesses).
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 128;
    public const int MinScore = 3;

    /// <summary>Counted in Unicode code points, so 密碼 counts 2 and an emoji counts 1 (the page sends NFC).</summary>
    public static int Length(string password) => password.EnumerateRunes().Count();

    /// <summary>The first problem with the password, or null when it is acceptable.</summary>
    /// <param name="personalWords">The person's email, name, ID number and the like; a password built on them is refused.</param>
    public static string? Check(string? password, IEnumerable<string> personalWords)
    {
        if (string.IsNullOrEmpty(password))
        {
            return PasswordProblems.Empty;
        }

        var length = Length(password);
        if (length < MinLength)
        {
            return PasswordProblems.TooShort;
        }

        if (length > MaxLength)
        {
            return PasswordProblems.TooLong;
        }

        var words = personalWords.Where(w => !string.IsNullOrWhiteSpace(w)).SelectMany(Pieces).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var result = Zxcvbn.Zxcvbn.MatchPassword(password, words);
        if (result.Score >= MinScore)
        {
            return null;
        }

        var dictionary = result.MatchSequence.OfType<Zxcvbn.Matcher.DictionaryMatch>().ToList();
        if (dictionary.Any(m => string.Equals(m.DictionaryName, "user_inputs", StringComparison.Ordinal)))
        {
            return PasswordProblems.Personal;
        }

        return dictionary.Any(m => m.DictionaryName is "passwords") || IsRepeatedCommon(password) ? PasswordProblems.Common : PasswordProblems.Weak;
    }

    /// <summary>The email's local part and domain words, and each word of a name, as separate inputs.</summary>
    private static IEnumerable<string> Pieces(string word)
    {
        yield return word;
        foreach (var piece in word.Split(['@', '.', ' ', '-', '_'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (piece.Length >= 3)
            {
                yield return piece.ToLower(CultureInfo.InvariantCulture);
            }
        }
    }

    // "passwordpassword" style: one short common unit repeated is reported as common, not merely weak.
    private static bool IsRepeatedCommon(string password)
    {
        for (var unit = 1; unit <= password.Length / 2; unit++)
        {
            if (password.Length % unit == 0 && string.Concat(Enumerable.Repeat(password[..unit], password.Length / unit)) == password)
            {
                return Zxcvbn.Zxcvbn.MatchPassword(password[..unit]).MatchSequence
                    .OfType<Zxcvbn.Matcher.DictionaryMatch>().Any(m => m.DictionaryName is "passwords");
            }
        }

        return false;
    }
}
