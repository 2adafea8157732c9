using System.Text;

namespace Laobao.Web.Security.Challenges;

/// <summary>
/// The texts a card signs (SPEC §4.2): UTF-8, <c>\n</c> line ends, no trailing newline. The server rebuilds
/// the text from what it knows and compares bytes, so the page can never choose what it gets signed.
/// </summary>
public static class ToBeSigned
{
    public const string CardLoginHeader = "laobao:card-login:v1";
    public const string AccountApplicationHeader = "laobao:account-application:v1";

    public static string CardLogin(string origin, string nonce, string normalizedIdNumber) =>
        Build(CardLoginHeader, origin, nonce, [("id", normalizedIdNumber)]);

    public static string Build(string header, string origin, string nonce, IEnumerable<(string Key, string Value)> fields)
    {
        var builder = new StringBuilder(header).Append('\n')
            .Append("origin=").Append(origin).Append('\n')
            .Append("nonce=").Append(nonce);
        foreach (var (key, value) in fields)
        {
            builder.Append('\n').Append(key).Append('=').Append(value);
        }

        return builder.ToString();
    }

    /// <summary>The nonce line of a signed text, read only to find the challenge; the whole text is compared later.</summary>
    public static string? FindNonce(ReadOnlySpan<byte> content)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("nonce=", StringComparison.Ordinal))
            {
                return line["nonce=".Length..];
            }
        }

        return null;
    }
}
