using System.Globalization;
using Laobao.Domain.Coverage;
using Laobao.Domain.Dates;
using Laobao.Domain.Pension;
using Laobao.Web.Features.Inquiry;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Localization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Signatures;
using QRCoder;

namespace Laobao.Web.Features.Statements;

/// <summary>
/// Renders a statement (投保證明 / 勞工退休金個人專戶證明) as a signed A4 PDF: Chinese and English on the same page,
/// the verification code, its QR and "page N of M" on every page, and the one CJK font embedded as a subset.
/// </summary>
public static class StatementRenderer
{
    private const double Title = 15;
    private const double Body = 9.5;
    private const double Heading = 11;

    public static async Task<byte[]> RenderAsync(StatementContent content, IDigitalSigner signer, string fontFile)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(signer);
        StatementFonts.EnsureInstalled(fontFile);

        using var document = new PdfDocument();
        document.Info.Title = content.Kind == StatementKinds.Coverage ? "勞工保險投保證明 Labour insurance coverage statement" : "勞工退休金個人專戶證明 Labour pension account statement";
        document.Info.Author = "Laobao";
        document.Info.Subject = StatementCode.Grouped(content.Code);
        document.Info.CreationDate = content.IssuedAt.UtcDateTime;

        var measure = XGraphics.CreateMeasureContext(new XSize(StatementLayout.PageWidth, StatementLayout.PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
        var layout = new StatementLayout(measure);
        foreach (var block in Blocks(content))
        {
            switch (block)
            {
                case TextBlock text:
                    layout.Add(text);
                    break;
                case TableBlock table:
                    layout.Add(table);
                    break;
            }
        }

        var qr = QrModules(content.VerifyUrl);
        var total = layout.Pages.Count;
        for (var n = 0; n < total; n++)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(StatementLayout.PageWidth);
            page.Height = XUnit.FromPoint(StatementLayout.PageHeight);
            using var gfx = XGraphics.FromPdfPage(page);
            foreach (var op in layout.Pages[n])
            {
                Draw(gfx, op);
            }

            Footer(gfx, layout, content, qr, n + 1, total);
        }

        DigitalSignatureHandler.ForDocument(document, signer, new DigitalSignatureOptions
        {
            Reason = "勞工保險資料證明 Statement of labour-insurance records",
            Location = "Taiwan",
            ContactInfo = content.VerifyUrl,
            AppName = "Laobao",
        });
        using var output = new MemoryStream();
        await document.SaveAsync(output, closeStream: false).ConfigureAwait(false);
        return output.ToArray();
    }

    private static void Draw(XGraphics gfx, DrawOp op)
    {
        switch (op)
        {
            case DrawText { AlignRight: true } t:
                gfx.DrawString(t.Text, t.Font, XBrushes.Black, new XRect(t.X, t.Y - t.Font.Size, t.Width, t.Font.Size * 1.2), XStringFormats.BottomRight);
                break;
            case DrawText t:
                gfx.DrawString(t.Text, t.Font, XBrushes.Black, t.X, t.Y);
                break;
            case DrawRule r:
                gfx.DrawLine(new XPen(XColors.Gray, r.Thickness), r.X1, r.Y, r.X2, r.Y);
                break;
        }
    }

    private static void Footer(XGraphics gfx, StatementLayout layout, StatementContent content, List<bool[]> qr, int page, int total)
    {
        const double qrSize = 84;
        var top = StatementLayout.PageHeight - StatementLayout.Margin - StatementLayout.FooterHeight + 14;
        gfx.DrawLine(new XPen(XColors.Gray, 0.6), StatementLayout.Margin, top - 6, StatementLayout.PageWidth - StatementLayout.Margin, top - 6);

        var qrX = StatementLayout.PageWidth - StatementLayout.Margin - qrSize;
        var module = qrSize / qr.Count;
        for (var row = 0; row < qr.Count; row++)
        {
            var cells = qr[row];
            for (var col = 0; col < cells.Length; col++)
            {
                if (!cells[col])
                {
                    continue;
                }

                var start = col;
                while (col + 1 < cells.Length && cells[col + 1])
                {
                    col++;
                }

                gfx.DrawRectangle(XBrushes.Black, qrX + (start * module), top + (row * module), (col - start + 1) * module, module);
            }
        }

        var width = qrX - StatementLayout.Margin - 10;
        var font = layout.Font(8.5);
        var bold = layout.Font(10, bold: true);
        var y = top + 8;
        foreach (var (text, f) in new (string, XFont)[]
        {
            ("驗證碼 Verification code: " + StatementCode.Grouped(content.Code), bold),
            ("查驗網址 Check at: " + content.VerifyUrl, font),
            ("本證明有效至 Valid until: " + RocDate.FormatBoth(content.ValidUntil), font),
            ("本文件經數位簽章；掃描 QR 碼或至查驗網址輸入驗證碼，可確認其為原發文件。", font),
            ("This document is digitally signed; scan the QR code or enter the code at the address above to confirm it is the file as issued.", font),
            (string.Create(CultureInfo.InvariantCulture, $"第 {page} 頁，共 {total} 頁 / Page {page} of {total}"), bold),
        })
        {
            foreach (var line in layout.Wrap(text, f, width))
            {
                y += StatementLayout.LineHeight(f.Size);
                if (y > StatementLayout.PageHeight - StatementLayout.Margin + 10)
                {
                    break;
                }

                gfx.DrawString(line, f, XBrushes.Black, StatementLayout.Margin, y);
            }
        }
    }

    private static List<bool[]> QrModules(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.Select(bits => Enumerable.Range(0, bits.Length).Select(i => bits[i]).ToArray()).ToList();
    }

    internal static IEnumerable<object> Blocks(StatementContent content)
    {
        var inquiry = content.Inquiry;
        var person = inquiry.Person;
        var coverage = content.Kind == StatementKinds.Coverage;
        yield return new TextBlock(coverage ? "勞工保險投保證明" : "勞工退休金個人專戶證明", Title, Bold: true);
        yield return new TextBlock(coverage ? "Statement of Labour Insurance Coverage" : "Statement of Labour Pension Account", Heading + 1, Bold: true, SpaceBefore: 2);
        yield return new TextBlock("姓名 Name: " + person.Name + "　/　" + (person.NameLatin ?? "（未登錄外文姓名 no Latin-script name on record）"), Body, SpaceBefore: 10);
        yield return new TextBlock("身分證號 / 居留證號 ID / ARC number: " + person.MaskedIdNumber, Body);
        yield return new TextBlock("資料截至 Records as of: " + RocDate.FormatBoth(inquiry.Coverage.AsOf), Body);
        var issued = DateOnly.FromDateTime(content.IssuedAt.ToOffset(TimeSpan.FromHours(8)).DateTime);
        yield return new TextBlock("發證日期 Issued on: " + RocDate.FormatBoth(issued) + "　有效至 Valid until: " + RocDate.FormatBoth(content.ValidUntil), Body);

        var body = coverage ? CoverageBlocks(inquiry.Coverage) : PensionBlocks(inquiry.Pension);
        foreach (var block in body)
        {
            yield return block;
        }

        yield return new TextBlock(
            "本證明依勞工保險局資料製作，僅證明上列截至資料日期之紀錄。 This statement reproduces the Bureau of Labor Insurance records listed above as of the date shown, and nothing more.",
            8, SpaceBefore: 10);
    }

    private static IEnumerable<object> CoverageBlocks(CoverageInquiry coverage)
    {
        yield return new TextBlock("年資 Seniority", Heading, Bold: true, SpaceBefore: 12);
        yield return new TableBlock(
            [new(0.40, "保險別\nInsurance"), new(0.40, "年資\nSeniority"), new(0.20, "總日數\nTotal days", AlignRight: true)],
            coverage.Kinds.Select(k => new TableRow([
                KindName(k.Kind),
                string.Create(CultureInfo.InvariantCulture, $"{k.Seniority.Years} 年 {k.Seniority.Days} 日\n{k.Seniority.Years} years {k.Seniority.Days} days"),
                InquiryFormat.Amount(k.Seniority.TotalDays),
            ])).ToList());

        yield return new TextBlock("投保紀錄 Insurance periods", Heading, Bold: true, SpaceBefore: 12);
        if (coverage.Periods.Count == 0)
        {
            yield return new TextBlock("查無投保紀錄。 No period of insurance is on record.", Body, SpaceBefore: 4);
            yield break;
        }

        var rows = new List<TableRow>();
        foreach (var period in coverage.Periods.OrderBy(p => p.Start).ThenBy(p => p.UnitCode, StringComparer.Ordinal).ThenBy(p => p.Kind))
        {
            for (var i = 0; i < period.Salaries.Count; i++)
            {
                var step = period.Salaries[i];
                var first = i == 0;
                var last = i == period.Salaries.Count - 1;
                var to = last ? period.End : step.To;
                rows.Add(new TableRow(
                [
                    first ? $"{period.UnitName}\n{period.UnitNameLatin ?? "—"}\n{period.UnitCode}" : "",
                    first ? KindName(period.Kind) : "",
                    RocDate.FormatBoth(first ? period.Start : step.From),
                    to is { } end ? RocDate.FormatBoth(end) : "迄今 to date",
                    InquiryFormat.Amount(step.InsuredSalary),
                ], RuleAbove: first));
            }
        }

        yield return new TableBlock(
            [new(0.31, "投保單位\nInsured unit"), new(0.17, "保險別\nInsurance"), new(0.19, "起 From"), new(0.19, "迄 To"), new(0.14, "月投保薪資 (NT$)\nInsured salary", AlignRight: true)],
            rows);
    }

    private static IEnumerable<object> PensionBlocks(PensionInquiry pension)
    {
        yield return new TextBlock("退休金制度 Pension scheme: " + SchemeName(pension.Scheme), Body, SpaceBefore: 10);
        if (pension.Scheme == PensionScheme.New && pension.Since is { } since)
        {
            yield return new TextBlock("適用新制日期 In the new scheme since: " + RocDate.FormatBoth(since), Body);
        }

        if (pension.Explanation is { } why)
        {
            yield return new TextBlock(InquiryService.NoData(why, UiLanguage.ZhTw).Message, Body, SpaceBefore: 6);
            yield return new TextBlock(InquiryService.NoData(why, UiLanguage.En).Message, Body);
        }

        yield return new TextBlock("合計 Totals", Heading, Bold: true, SpaceBefore: 12);
        var t = pension.Totals;
        yield return new TableBlock(
            [new(0.25, "雇主提繳\nEmployer contributions", true), new(0.25, "個人自願提繳\nVoluntary contributions", true), new(0.25, "累積收益\nCredited earnings", true), new(0.25, "專戶結餘\nBalance", true)],
            [new TableRow([InquiryFormat.Amount(t.Employer), InquiryFormat.Amount(t.Voluntary), InquiryFormat.Amount(t.Earnings), InquiryFormat.Amount(t.Balance)])]);

        if (pension.Contributions.Count == 0 && pension.Earnings.Count == 0)
        {
            yield break;
        }

        yield return new TextBlock("各年度提繳 Contributions by year (NT$)", Heading, Bold: true, SpaceBefore: 12);
        var earnings = pension.Earnings.ToDictionary(e => e.Year, e => e.Amount);
        var years = pension.Contributions.Select(c => c.Month.Year).Concat(earnings.Keys).Distinct().Order();
        var rows = years.Select(year =>
        {
            var months = pension.Contributions.Where(c => c.Month.Year == year).ToList();
            var roc = (year - 1911).ToString("000", CultureInfo.InvariantCulture);
            return new TableRow([
                string.Create(CultureInfo.InvariantCulture, $"{roc} ({year})"),
                months.Select(m => m.Month).Distinct().Count().ToString(CultureInfo.InvariantCulture),
                string.Join("\n", months.Select(m => m.UnitName).Distinct(StringComparer.Ordinal).Take(3)) is { Length: > 0 } units ? units : "—",
                InquiryFormat.Amount(months.Sum(m => (long)m.EmployerAmount)),
                InquiryFormat.Amount(months.Sum(m => (long)m.VoluntaryAmount)),
                InquiryFormat.Amount(earnings.GetValueOrDefault(year)),
            ]);
        }).ToList();
        yield return new TableBlock(
            [new(0.13, "年度\nYear"), new(0.10, "月數\nMonths", true), new(0.29, "提繳單位\nUnit(s)"), new(0.16, "雇主提繳\nEmployer", true), new(0.16, "自願提繳\nVoluntary", true), new(0.16, "收益\nEarnings", true)],
            rows);
    }

    private static string KindName(InsuranceKind kind) => kind switch
    {
        InsuranceKind.Labour => "勞工保險\nLabour insurance",
        InsuranceKind.Occupational => "職業災害保險\nOccupational accident",
        _ => "就業保險\nEmployment insurance",
    };

    private static string SchemeName(PensionScheme scheme) => scheme switch
    {
        PensionScheme.New => "新制（勞工退休金條例） new scheme (Labor Pension Act)",
        PensionScheme.Old => "舊制（勞動基準法） old scheme (Labor Standards Act)",
        _ => "無 none",
    };
}
