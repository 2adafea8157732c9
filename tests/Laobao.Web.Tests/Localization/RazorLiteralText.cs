using System.Text;
using System.Text.RegularExpressions;

namespace Laobao.Web.Tests.Localization;

/// <summary>One piece of text a person would see that is written into a view instead of coming from a copy deck.</summary>
public sealed record LiteralText(string File, int Line, string Text)
{
    public override string ToString() => $"{File}:{Line}: {Text}";
}

/// <summary>
/// Finds literal user-visible text in Razor views (.cshtml) and components (.razor): words between tags and in
/// alt/title/placeholder/aria-label attributes that are not @-expressions, and any Chinese character anywhere in
/// their C# (a Chinese string in code bypasses the copy deck just the same). Everything else is blanked out first,
/// keeping line breaks so a finding names its line: comments, script and style elements, @code/@functions/@{ }
/// blocks, directives, @-expressions, the tags themselves and the C# keywords of Razor's control flow.
/// </summary>
public static partial class RazorLiteralText
{
    private static readonly string[] WholeLineDirectives =
        ["page", "model", "inject", "using", "inherits", "implements", "layout", "namespace", "attribute", "addTagHelper", "typeparam", "rendermode"];

    public static IReadOnlyList<LiteralText> Scan(string file, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var findings = new List<LiteralText>();
        var text = source.ToCharArray();

        Blank(text, RazorComment());
        Blank(text, HtmlComment());
        foreach (Match directive in Directive().Matches(source))
        {
            if (WholeLineDirectives.Contains(directive.Groups[1].Value, StringComparer.Ordinal))
            {
                Blank(text, directive.Index, directive.Length);
            }
        }

        Blank(text, ScriptOrStyle());
        var code = new bool[text.Length];
        BlankCode(text, code);

        // Chinese in C# (strings in expressions and code blocks) is text that skipped the copy deck.
        for (var i = 0; i < source.Length; i++)
        {
            if (code[i] && IsChinese(source[i]) && (i == 0 || !code[i - 1] || !IsChinese(source[i - 1])) && !InLineComment(source, i))
            {
                findings.Add(new LiteralText(file, LineOf(source, i), SnippetAround(source, i)));
            }
        }

        var markup = new string(text);
        foreach (Match attribute in LiteralAttribute().Matches(markup))
        {
            if (HasWords(attribute.Groups[2].Value + attribute.Groups[4].Value))
            {
                findings.Add(new LiteralText(file, LineOf(source, attribute.Index), attribute.Value));
            }
        }

        Blank(text, Tag());
        Blank(text, ControlFlowResidue());
        Blank(text, Entity());
        foreach (Match run in TextRun().Matches(new string(text)))
        {
            if (HasWords(run.Value))
            {
                findings.Add(new LiteralText(file, LineOf(source, run.Index), run.Value.Trim()));
            }
        }

        return [.. findings.DistinctBy(f => (f.Line, f.Text))];
    }

    /// <summary>A Chinese character (CJK ideograph), or a Latin word of two letters or more.</summary>
    public static bool HasWords(string value) => value.Any(IsChinese) || LatinWord().IsMatch(value);

    public static bool IsChinese(char c) => c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';

    /// <summary>
    /// Blanks @{ }, @code { }, @functions { } blocks and @-expressions (@x.y(z)[k], @(…), @if (…), @await x),
    /// marking what was C# in <paramref name="code"/>.
    /// </summary>
    private static void BlankCode(char[] text, bool[] code)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '@')
            {
                continue;
            }

            var start = i;
            var end = ExpressionEnd(text, i + 1);
            for (var k = start; k < end; k++)
            {
                code[k] = true;
                if (text[k] != '\n')
                {
                    text[k] = ' ';
                }
            }

            i = Math.Max(start, end - 1);
        }
    }

    private static int ExpressionEnd(char[] text, int i)
    {
        if (i >= text.Length)
        {
            return i;
        }

        switch (text[i])
        {
            case '@':
                return i + 1;
            case '(':
                return Balanced(text, i, '(', ')');
            case '{':
                return Balanced(text, i, '{', '}');
            case '*':
            case ':':
                return i + 1;
        }

        var word = Identifier(text, i);
        if (word.Length == 0)
        {
            return i;
        }

        var j = i + word.Length;
        if (word is "code" or "functions")
        {
            j = SkipSpaces(text, j);
            return j < text.Length && text[j] == '{' ? Balanced(text, j, '{', '}') : j;
        }

        if (word is "section")
        {
            j = SkipSpaces(text, j);
            return SkipSpaces(text, j + Identifier(text, j).Length);
        }

        if (word is "await")
        {
            return ExpressionEnd(text, SkipSpaces(text, j));
        }

        if (word is "if" or "foreach" or "for" or "while" or "switch" or "lock" or "using")
        {
            j = SkipSpaces(text, j);
            return j < text.Length && text[j] == '(' ? Balanced(text, j, '(', ')') : j;
        }

        // A member chain: a.b(c)[d]?.e!
        while (j < text.Length)
        {
            if (text[j] == '(')
            {
                j = Balanced(text, j, '(', ')');
            }
            else if (text[j] == '[')
            {
                j = Balanced(text, j, '[', ']');
            }
            else if ((text[j] is '.' or '?' or '!') && j + 1 < text.Length && (char.IsLetter(text[j + 1]) || text[j + 1] is '_' or '.'))
            {
                j++;
                if (text[j] == '.')
                {
                    j++;
                }

                j += Identifier(text, j).Length;
            }
            else
            {
                break;
            }
        }

        return j;
    }

    private static string Identifier(char[] text, int i)
    {
        var end = i;
        while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
        {
            end++;
        }

        return end > i && !char.IsDigit(text[i]) ? new string(text, i, end - i) : "";
    }

    private static int SkipSpaces(char[] text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>The index after the bracket closing the one at <paramref name="open"/>, skipping C# strings and chars.</summary>
    private static int Balanced(char[] text, int open, char opening, char closing)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' || c == '\'')
            {
                i = StringEnd(text, i);
                continue;
            }

            if (c == opening)
            {
                depth++;
            }
            else if (c == closing && --depth == 0)
            {
                return i + 1;
            }
        }

        return text.Length;
    }

    private static int StringEnd(char[] text, int quote)
    {
        // A quote inside markup (an attribute in a Razor block) would not close on the same line: give up at the line end.
        for (var i = quote + 1; i < text.Length && text[i] != '\n'; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == text[quote])
            {
                return i;
            }
        }

        return quote;
    }

    private static void Blank(char[] text, Regex pattern)
    {
        foreach (Match match in pattern.Matches(new string(text)))
        {
            Blank(text, match.Index, match.Length);
        }
    }

    private static void Blank(char[] text, int index, int length)
    {
        for (var i = index; i < index + length; i++)
        {
            if (text[i] != '\n')
            {
                text[i] = ' ';
            }
        }
    }

    /// <summary>After a <c>//</c> that is not part of a URL: a C# comment, which nobody sees on screen.</summary>
    private static bool InLineComment(string source, int index)
    {
        var lineStart = source.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var slashes = source.IndexOf("//", lineStart, index - lineStart, StringComparison.Ordinal);
        return slashes >= 0 && (slashes == 0 || source[slashes - 1] != ':');
    }

    private static int LineOf(string source, int index) => source.AsSpan(0, index).Count('\n') + 1;

    private static string SnippetAround(string source, int index)
    {
        var start = source.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var end = source.IndexOf('\n', index);
        return source[start..(end < 0 ? source.Length : end)].Trim();
    }

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"^\s*@(\w+)\b.*$", RegexOptions.Multiline)]
    private static partial Regex Directive();

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex("""<[A-Za-z/!][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")]
    private static partial Regex Tag();

    [GeneratedRegex("""\b(alt|title|placeholder|aria-label|label)\s*=\s*"([^"]*)"|\b(alt|title|placeholder|aria-label|label)\s*=\s*'([^']*)'""")]
    private static partial Regex LiteralAttribute();

    /// <summary>The C# that Razor's control flow leaves between tags: braces, else (if with its condition), case labels, break.</summary>
    [GeneratedRegex(@"\belse\s+if\b[^\n]*|\belse\b|\bcase\b[^:\n]*:|\bdefault:|\bbreak;|[{}]")]
    private static partial Regex ControlFlowResidue();

    [GeneratedRegex(@"&#?\w+;")]
    private static partial Regex Entity();

    [GeneratedRegex(@"[^\s][^\n]*")]
    private static partial Regex TextRun();

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex LatinWord();
}
