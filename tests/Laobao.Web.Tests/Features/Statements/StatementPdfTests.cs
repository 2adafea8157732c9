using System.Globalization;
using System.Text.RegularExpressions;
using Laobao.Domain.Dates;
using Laobao.Web.Features.Statements;

namespace Laobao.Web.Tests.Features.Statements;

/// <summary>The issued PDF, opened with Debian's poppler tools the way a verifier anywhere would open it.</summary>
public sealed partial class StatementPdfTests
{
    [Theory]
    [InlineData(StatementPeople.Short, "林美華", "LIN Mei-hua")]
    [InlineData(StatementPeople.Long, "張志明", "CHANG Chih-ming")]
    public async Task CoverageStatementCarriesEveryPeriodInBothCalendarsAndIsSigned(string id, string name, string latin)
    {
        await using var world = await StatementWorld.CreateAsync();
        var (statement, file) = await world.IssueAsync(id, StatementKinds.Coverage);
        var inquiry = await world.InquiryAsync(id);

        var pages = await AssertSoundPdfAsync(file, StatementCode.Grouped(statement.Code));
        if (id == StatementPeople.Long)
        {
            Assert.True(pages >= 3, $"a 40-year, 30-employer career runs over several pages, not {pages}");
        }

        var text = await Poppler.TextAsync(file);
        // In drawing order a wrapped cell's lines follow one another; in layout order they interleave with the next columns.
        var (_, raw) = await Poppler.RunAsync("pdftotext", "-raw", "-enc", "UTF-8", file, "-");
        raw = Regex.Replace(raw, @"\s+", " ");
        Assert.Contains(name, text, StringComparison.Ordinal);
        Assert.Contains(latin, text, StringComparison.Ordinal);
        Assert.Contains(inquiry.Person.MaskedIdNumber, text, StringComparison.Ordinal);
        Assert.DoesNotContain(id, text, StringComparison.Ordinal);
        Assert.Contains("115/03/01 (2026-03-01)", text, StringComparison.Ordinal);
        Assert.True(inquiry.Coverage.Periods.Count > 0);
        foreach (var period in inquiry.Coverage.Periods)
        {
            Assert.Contains(RocDate.FormatBoth(period.Start), text, StringComparison.Ordinal);
            if (period.End is { } end)
            {
                Assert.Contains(RocDate.FormatBoth(end), text, StringComparison.Ordinal);
            }

            Assert.Contains(period.UnitName, text, StringComparison.Ordinal);
            Assert.Contains(period.UnitNameLatin!, raw, StringComparison.Ordinal);
            foreach (var salary in period.Salaries)
            {
                Assert.Contains(salary.InsuredSalary.ToString("#,0", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
            }
        }

        foreach (var kind in inquiry.Coverage.Kinds)
        {
            Assert.Contains($"{kind.Seniority.Years} years {kind.Seniority.Days} days", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(StatementPeople.Short)]
    [InlineData(StatementPeople.Long)]
    public async Task PensionStatementCarriesSchemeYearlySumsAndTotalsAndIsSigned(string id)
    {
        await using var world = await StatementWorld.CreateAsync();
        var (statement, file) = await world.IssueAsync(id, StatementKinds.Pension);
        var pension = (await world.InquiryAsync(id)).Pension;

        await AssertSoundPdfAsync(file, StatementCode.Grouped(statement.Code));
        var text = await Poppler.TextAsync(file);
        Assert.Contains("new scheme", text, StringComparison.Ordinal);
        Assert.Contains(RocDate.FormatBoth(pension.Since!.Value), text, StringComparison.Ordinal);
        foreach (var total in new[] { pension.Totals.Employer, pension.Totals.Voluntary, pension.Totals.Earnings, pension.Totals.Balance })
        {
            Assert.Contains(total.ToString("#,0", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        }

        foreach (var year in pension.Contributions.GroupBy(c => c.Month.Year))
        {
            Assert.Contains($"{year.Key - 1911:000} ({year.Key})", text, StringComparison.Ordinal);
            Assert.Contains(year.Sum(c => (long)c.EmployerAmount).ToString("#,0", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AFlippedByteBreaksTheSignature()
    {
        await using var world = await StatementWorld.CreateAsync();
        var (_, file) = await world.IssueAsync(StatementPeople.Short, StatementKinds.Coverage);
        var (exit, sig) = await Poppler.RunAsync("pdfsig", file);
        Assert.True(exit == 0 && sig.Contains("Signature is Valid", StringComparison.Ordinal), sig);

        var bytes = await File.ReadAllBytesAsync(file);
        // A byte of the first page's content, well inside the signed range (not in the /Contents hex of the signature).
        var at = FlipTarget(bytes);
        bytes[at] ^= 0x01;
        await File.WriteAllBytesAsync(file, bytes);

        (exit, sig) = await Poppler.RunAsync("pdfsig", file);
        Assert.DoesNotContain("Signature is Valid", sig, StringComparison.Ordinal);
    }

    internal static int FlipTarget(byte[] bytes)
    {
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        var at = text.IndexOf("/Title", StringComparison.Ordinal);
        Assert.True(at > 0);
        return at + 2;
    }

    /// <summary>pdfinfo (A4, N pages), pdffonts (every font embedded), page text (code and "Page n of N" on every page, nothing outside the page), pdfsig (valid, whole file).</summary>
    internal static async Task<int> AssertSoundPdfAsync(string file, string groupedCode)
    {
        var (exit, info) = await Poppler.RunAsync("pdfinfo", file);
        Assert.True(exit == 0, info);
        Assert.Matches(@"Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)", info);
        var pages = int.Parse(PagesLine().Match(info).Groups[1].Value, CultureInfo.InvariantCulture);

        var (fontsExit, fonts) = await Poppler.RunAsync("pdffonts", file);
        Assert.True(fontsExit == 0, fonts);
        var rows = fonts.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            // name type encoding emb sub uni object ID: "emb" is the fourth column from the right.
            var columns = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(columns[^5] == "yes", $"font not embedded: {row}");
        }

        for (var page = 1; page <= pages; page++)
        {
            var text = await Poppler.TextAsync(file, page);
            Assert.Contains(groupedCode, text, StringComparison.Ordinal);
            Assert.Contains($"Page {page} of {pages}", text, StringComparison.Ordinal);
            Assert.Contains($"第 {page} 頁，共 {pages} 頁", text, StringComparison.Ordinal);
        }

        var (_, bbox) = await Poppler.RunAsync("pdftotext", "-bbox", file, "-");
        foreach (Match word in WordBox().Matches(bbox))
        {
            var box = Enumerable.Range(1, 4).Select(i => double.Parse(word.Groups[i].Value, CultureInfo.InvariantCulture)).ToArray();
            Assert.True(box[0] >= 20 && box[1] >= 20 && box[2] <= 575.28 && box[3] <= 821.89, $"text outside the page's margins: {word.Value}");
        }

        var (sigExit, sig) = await Poppler.RunAsync("pdfsig", file);
        Assert.True(sigExit == 0, sig);
        Assert.Contains("Signature Validation: Signature is Valid.", sig, StringComparison.Ordinal);
        Assert.Contains("Total document signed", sig, StringComparison.Ordinal);
        Assert.Contains("SHA-256", sig, StringComparison.Ordinal);
        return pages;
    }

    [GeneratedRegex(@"Pages:\s+(\d+)")]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"<word xMin=""([\d.]+)"" yMin=""([\d.]+)"" xMax=""([\d.]+)"" yMax=""([\d.]+)"">")]
    private static partial Regex WordBox();
}
