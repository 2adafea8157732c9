using System.Net;
using System.Text.RegularExpressions;

namespace Laobao.Client;

/// <summary>
/// A sentence as HTML in which every date in both calendars (<c>107/06/30 (2018-06-30)</c>) is kept on one line, so a
/// narrow screen never breaks it inside (issue 14, item 19). Everything else is HTML-encoded.
/// </summary>
public static partial class NoBreakDates
{
    public static string Html(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new System.Text.StringBuilder();
        var at = 0;
        foreach (Match date in BothCalendars().Matches(text))
        {
            html.Append(WebUtility.HtmlEncode(text[at..date.Index]))
                .Append("<span class=\"date\">").Append(WebUtility.HtmlEncode(date.Value)).Append("</span>");
            at = date.Index + date.Length;
        }

        return html.Append(WebUtility.HtmlEncode(text[at..])).ToString();
    }

    [GeneratedRegex(@"\d{3}/\d{2}/\d{2} \(\d{4}-\d{2}-\d{2}\)")]
    private static partial Regex BothCalendars();
}
