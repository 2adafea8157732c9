using Laobao.Tests.Browser;
using Laobao.Demo.Tests.Support;
using Microsoft.Playwright;

namespace Laobao.Demo.Tests.Journey;

/// <summary>
/// The demo's revoked card: the e-desk must refuse it after fetching the demo CA's CRL from <c>/crl/</c> — proof that
/// the demo does real revocation checks (fail-closed) and that the good cards passed one.
/// </summary>
public static class RevokedCard
{
    public static async Task IsRefusedAsync(IPlaywright playwright, DemoRun demo, DemoPerson revoked)
    {
        ArgumentNullException.ThrowIfNull(demo);
        ArgumentNullException.ThrowIfNull(revoked);
        Assert.Equal("revoked", revoked.Status);
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await Chromium.NewContextAsync(browser, new BrowserNewContextOptions { Locale = "zh-TW" });
        context.SetDefaultTimeout(120_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(demo.Origin, "/desk/login?lang=zh-TW").ToString());
        await page.FillAsync("#idNumber", revoked.IdNumber);
        await page.FillAsync("#birthDate", revoked.RocBirthDate);
        await page.FillAsync("#pin", revoked.Pin);
        await page.ClickAsync("#login-button");
        await page.Locator("#login-message[data-code$='certificate.revoked']").WaitForAsync();
        Assert.Contains("已被廢止", await page.Locator("#login-message").InnerTextAsync(), StringComparison.Ordinal);
        Assert.EndsWith("/desk/login?lang=zh-TW", page.Url, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("demo-revoked-card"), FullPage = true });
    }
}
