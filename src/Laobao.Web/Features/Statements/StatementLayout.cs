using System.Text;
using PdfSharp.Drawing;

namespace Laobao.Web.Features.Statements;

/// <summary>A paragraph of a statement; <paramref name="SpaceBefore"/> in points.</summary>
internal sealed record TextBlock(string Text, double Size, bool Bold = false, double SpaceBefore = 0);

/// <summary>A column: width as a share of the text width; the header is bilingual on two lines.</summary>
internal sealed record Column(double Share, string Header, bool AlignRight = false);

/// <summary>A table whose header is repeated on every page it runs onto. A row's cells may hold several lines ('\n').</summary>
internal sealed record TableBlock(IReadOnlyList<Column> Columns, IReadOnlyList<TableRow> Rows, double SpaceBefore = 6);

/// <summary>A table row; <paramref name="RuleAbove"/> draws a line that separates groups (one period from the next).</summary>
internal sealed record TableRow(IReadOnlyList<string> Cells, bool RuleAbove = false);

internal abstract record DrawOp;

internal sealed record DrawText(double X, double Y, string Text, XFont Font, bool AlignRight = false, double Width = 0) : DrawOp;

internal sealed record DrawRule(double X1, double Y, double X2, double Thickness) : DrawOp;

/// <summary>
/// Flows blocks onto A4 pages inside the margins and above the footer band. Every line is measured and wrapped to
/// its box, so no text can run off the page whatever the length of a name or a career; the page count is known
/// before anything is drawn, which is what "page N of M" needs.
/// </summary>
internal sealed class StatementLayout
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    public const double Margin = 40;
    public const double FooterHeight = 112;
    public const double TextWidth = PageWidth - (2 * Margin);
    private const double CellPadding = 3;
    private const double TableFontSize = 8;
    private readonly XGraphics measure;
    private readonly Dictionary<(double Size, bool Bold), XFont> fonts = [];
    private readonly List<List<DrawOp>> pages = [];
    private double y;

    public StatementLayout(XGraphics measure)
    {
        this.measure = measure;
        NewPage();
    }

    public IReadOnlyList<IReadOnlyList<DrawOp>> Pages => pages;

    private static double Bottom => PageHeight - Margin - FooterHeight;

    private List<DrawOp> Current => pages[^1];

    public XFont Font(double size, bool bold = false)
    {
        if (!fonts.TryGetValue((size, bold), out var font))
        {
            font = new XFont(StatementFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, XPdfFontOptions.UnicodeDefault);
            fonts[(size, bold)] = font;
        }

        return font;
    }

    public static double LineHeight(double size) => size * 1.35;

    public void Add(TextBlock block)
    {
        var font = Font(block.Size, block.Bold);
        var lines = Wrap(block.Text, font, TextWidth);
        y += block.SpaceBefore;
        foreach (var line in lines)
        {
            if (y + LineHeight(block.Size) > Bottom)
            {
                NewPage();
            }

            y += LineHeight(block.Size);
            Current.Add(new DrawText(Margin, y - (block.Size * 0.3), line, font));
        }
    }

    public void Add(TableBlock table)
    {
        var widths = table.Columns.Select(c => c.Share * TextWidth).ToArray();
        var header = table.Columns.Select(c => c.Header).ToList();
        var headerFont = Font(TableFontSize, bold: true);
        var cellFont = Font(TableFontSize);
        var headerLines = WrapCells(header, widths, headerFont);
        y += table.SpaceBefore;
        if (y + RowHeight(headerLines) + RowHeight(WrapCells(table.Rows.FirstOrDefault()?.Cells ?? header, widths, cellFont)) > Bottom)
        {
            NewPage();
        }

        DrawRow(table.Columns, widths, headerLines, headerFont, ruleAbove: true);
        Current.Add(new DrawRule(Margin, y, Margin + TextWidth, 0.8));
        foreach (var row in table.Rows)
        {
            var lines = WrapCells(row.Cells, widths, cellFont);
            if (y + RowHeight(lines) > Bottom)
            {
                NewPage();
                DrawRow(table.Columns, widths, headerLines, headerFont, ruleAbove: true);
                Current.Add(new DrawRule(Margin, y, Margin + TextWidth, 0.8));
            }

            DrawRow(table.Columns, widths, lines, cellFont, row.RuleAbove);
        }

        Current.Add(new DrawRule(Margin, y, Margin + TextWidth, 0.8));
    }

    /// <summary>Greedy wrapping: Latin words stay whole where they fit, CJK breaks between any two characters, over-long words break anywhere.</summary>
    public List<string> Wrap(string text, XFont font, double width)
    {
        var result = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var token in Tokens(paragraph))
            {
                if (Width(line + token, font) <= width)
                {
                    line.Append(token);
                    continue;
                }

                if (line.Length > 0)
                {
                    result.Add(line.ToString().TrimEnd());
                    line.Clear();
                }

                var rest = token.TrimStart();
                while (rest.Length > 0 && Width(rest, font) > width)
                {
                    var take = 1;
                    while (take < rest.Length && Width(rest[..(take + 1)], font) <= width)
                    {
                        take++;
                    }

                    result.Add(rest[..take]);
                    rest = rest[take..];
                }

                line.Append(rest);
            }

            result.Add(line.ToString().TrimEnd());
        }

        return result;
    }

    private double Width(string text, XFont font) => measure.MeasureString(text, font).Width;

    private static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            var wide = c >= 0x2E80;
            if (wide)
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                yield return c.ToString();
                continue;
            }

            word.Append(c);
            if (c == ' ')
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private List<List<string>> WrapCells(IReadOnlyList<string> cells, double[] widths, XFont font) =>
        cells.Select((c, i) => Wrap(c, font, widths[i] - (2 * CellPadding))).ToList();

    private static double RowHeight(List<List<string>> lines) =>
        (lines.Max(l => l.Count) * LineHeight(TableFontSize)) + (2 * CellPadding);

    private void DrawRow(IReadOnlyList<Column> columns, double[] widths, List<List<string>> lines, XFont font, bool ruleAbove)
    {
        if (ruleAbove)
        {
            Current.Add(new DrawRule(Margin, y, Margin + TextWidth, 0.4));
        }

        var x = Margin;
        for (var i = 0; i < columns.Count; i++)
        {
            var lineY = y + CellPadding;
            foreach (var line in lines[i])
            {
                lineY += LineHeight(TableFontSize);
                Current.Add(new DrawText(x + CellPadding, lineY - (TableFontSize * 0.3), line, font, columns[i].AlignRight, widths[i] - (2 * CellPadding)));
            }

            x += widths[i];
        }

        y += RowHeight(lines);
    }

    private void NewPage()
    {
        pages.Add([]);
        y = Margin;
    }
}
