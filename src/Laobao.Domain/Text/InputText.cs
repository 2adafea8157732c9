using System.Text;

namespace Laobao.Domain.Text;

/// <summary>
/// Normalisation of what a person types into an ID or date field (SPEC §1: trim, NFKC, upper-case);
/// public so that other input (forms, command lines) folds full-width text the same way.
/// </summary>
public static class InputText
{
    /// <summary>
    /// NFKC, with the half of it that matters for ID numbers and dates done by hand: under
    /// InvariantGlobalization <see cref="string.Normalize(NormalizationForm)"/> returns non-ASCII text
    /// unchanged, so full-width letters, digits and punctuation (U+FF01–U+FF5E) and the ideographic
    /// space (U+3000) are folded to ASCII here first.
    /// </summary>
    public static string FoldWidth(string input)
    {
        var builder = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            builder.Append(c switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            });
        }

        var folded = builder.ToString();
        try
        {
            return folded.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // A lone surrogate cannot be normalised; the pattern check that follows refuses it with a clear message.
            return folded;
        }
    }

    /// <summary>Removes every white-space character, inside the text as well as around it.</summary>
    public static string RemoveWhiteSpace(string input)
    {
        var builder = new StringBuilder(input.Length);
        foreach (var c in input)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
