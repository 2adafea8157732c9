namespace Laobao.App.Device;

/// <summary>
/// What the phone accepts as a link ticket (SPEC §6): the e-desk's QR, an https URL of this app with
/// <c>#link=&lt;ticket&gt;</c>, or the manual code of 8 letters from <see cref="ManualAlphabet"/> shown XXXX-XXXX.
/// </summary>
public static class LinkCode
{
    public const string ManualAlphabet = "BCDFGHJKLMNPQRSTVWXZ";
    private const string FragmentKey = "link=";

    /// <summary>A typed manual code in its shown form XXXX-XXXX; spaces, dashes and lower case are forgiven.</summary>
    public static bool TryParseManual(string? input, out string code)
    {
        code = string.Empty;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32)
        {
            return false;
        }

        // Chinese input methods often type full-width letters (Ｂ, －): they are read as their ASCII forms.
        var compact = new string(input.Select(c => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c)
            .Where(c => c is not ('-' or ' ' or '\u2010' or '\u2013' or '\u3000')).ToArray())
            .ToUpperInvariant();
        if (compact.Length != 8 || !compact.All(c => ManualAlphabet.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        code = string.Concat(compact.AsSpan(0, 4), "-", compact.AsSpan(4));
        return true;
    }

    /// <summary>
    /// The ticket in a scanned QR or an opened URL. Only a URL of this very app (same origin, under its base path)
    /// counts, so a QR from another site cannot make the phone link elsewhere.
    /// </summary>
    public static bool TryParseAppUrl(string? text, Uri appBase, out string ticket)
    {
        ticket = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 2048
            || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url)
            || !string.Equals(url.GetLeftPart(UriPartial.Authority), appBase.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            || !url.AbsolutePath.StartsWith(appBase.AbsolutePath, StringComparison.Ordinal))
        {
            return false;
        }

        return TryParseFragment(url.Fragment, out ticket);
    }

    /// <summary>The ticket of a <c>#link=&lt;ticket&gt;</c> fragment: base64url characters only.</summary>
    public static bool TryParseFragment(string? fragment, out string ticket)
    {
        ticket = string.Empty;
        var value = fragment?.TrimStart('#') ?? string.Empty;
        foreach (var part in value.Split('&'))
        {
            if (part.StartsWith(FragmentKey, StringComparison.Ordinal))
            {
                var candidate = Uri.UnescapeDataString(part[FragmentKey.Length..]);
                if (candidate.Length is >= 16 and <= 512 && candidate.All(IsBase64UrlChar))
                {
                    ticket = candidate;
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
