using System.Text;
using System.Text.RegularExpressions;
using Laobao.Tests.Browser;
using Laobao.Web.Features.Statements;
using Microsoft.Playwright;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Laobao.Web.Tests.Features.Statements;

/// <summary>What an official does: scan the QR printed on the statement and land on its verification page.</summary>
public sealed class VerifyQrBrowserTests
{
    [Fact]
    public async Task TheQrOnEveryPageLeadsToTheStatementsOwnVerificationPage()
    {
        await using var world = await StatementWebWorld.CreateAsync(kestrel: true);
        var statement = await world.IssueAsync(StatementPeople.Long, StatementKinds.Coverage);
        var pdf = Path.Combine(world.Folder, "statement.pdf");
        await File.WriteAllBytesAsync(pdf, statement.Pdf);

        var (_, info) = await Poppler.RunAsync("pdfinfo", pdf);
        var pages = int.Parse(Regex.Match(info, @"Pages:\s+(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(pages > 1);
        string? url = null;
        foreach (var page in new[] { 1, pages })
        {
            var scanned = await ScanAsync(pdf, page, world.Folder);
            Assert.Equal($"{world.Origin}/verify/{statement.Code}", scanned);
            url = scanned;
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        // A browser that asks for Chinese: the page follows it first, then the switch.
        await using var context = await Chromium.NewContextAsync(browser, new BrowserNewContextOptions { Locale = "zh-TW" });
        var tab = await context.NewPageAsync();
        await tab.GotoAsync(url!);
        await tab.WaitForPageAsync(new Regex("/verify/" + statement.Code));
        await Assertions.Expect(tab.Locator("#verify-code")).ToHaveTextAsync(StatementCode.Grouped(statement.Code));
        await Assertions.Expect(tab.Locator("#verify-status")).ToHaveTextAsync("有效");
        await Assertions.Expect(tab.Locator("#verify-holder")).ToHaveTextAsync("E18****653");
        await Assertions.Expect(tab.Locator("#verify-sha256")).ToHaveTextAsync(statement.Sha256);

        await tab.Locator("#lang-switch").ClickAsync();
        await Assertions.Expect(tab.Locator("#verify-status")).ToHaveTextAsync("Valid");
    }

    /// <summary>Renders one page with pdftoppm (grey, 150 dpi) and finds the QR anywhere on it, as a camera app would.</summary>
    private static async Task<string> ScanAsync(string pdf, int page, string folder)
    {
        var target = Path.Combine(folder, $"page-{page}");
        var n = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (exit, output) = await Poppler.RunAsync("pdftoppm", "-gray", "-r", "150", "-f", n, "-l", n, "-singlefile", pdf, target);
        Assert.True(exit == 0, output);
        var (width, height, grey) = ReadPgm(await File.ReadAllBytesAsync(target + ".pgm"));
        var source = new RGBLuminanceSource(grey, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
        Assert.True(result is not null, $"no QR code found on page {page}");
        return result.Text;
    }

    /// <summary>Binary PGM (P5, 8-bit): the header is three whitespace-separated numbers after the magic.</summary>
    private static (int Width, int Height, byte[] Grey) ReadPgm(byte[] file)
    {
        var at = 0;
        string Next()
        {
            while (char.IsWhiteSpace((char)file[at]))
            {
                at++;
            }

            var start = at;
            while (!char.IsWhiteSpace((char)file[at]))
            {
                at++;
            }

            return Encoding.ASCII.GetString(file, start, at - start);
        }

        Assert.Equal("P5", Next());
        var width = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("255", Next());
        at++;
        return (width, height, file[at..(at + (width * height))]);
    }
}
