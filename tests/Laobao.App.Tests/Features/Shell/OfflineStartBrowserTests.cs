using System.Text.Json;
using Laobao.App.Offline;
using Laobao.App.Session;
using Laobao.App.Tests.Support;
using Laobao.Tests.Browser;
using Laobao.Client;
using Microsoft.Playwright;

namespace Laobao.App.Tests.Features.Shell;

/// <summary>
/// The installed app starts with the server gone and the phone offline: the service worker serves the shell, and the
/// last coverage the app fetched is shown with its date and labelled offline, never as current.
/// </summary>
public sealed class OfflineStartBrowserTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private IPlaywright playwright = default!;
    private IBrowser browser = default!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await Chromium.LaunchAsync(playwright);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    [Fact]
    public async Task With_the_server_down_the_app_starts_from_its_cache_and_labels_old_data_as_offline()
    {
        await using var context = await Chromium.PhoneAsync(browser);
        var page = await context.NewPageAsync();
        var host = AppHost.Start();
        Uri app;
        try
        {
            app = host.App;
            await page.GotoAsync(app.ToString());
            await Chromium.WaitForAppAsync(page);
            await page.EvaluateAsync("async () => { await navigator.serviceWorker.ready; }");

            // What the app itself keeps after a successful fetch: its settings and the coverage with the moment it was fetched.
            var settings = new StoredSettings("zh-TW", Guid.NewGuid(), "Android Chrome", "王＊明", "127.0.0.1");
            var coverage = new CachedData<CoverageReport>(
                new DateTimeOffset(2026, 11, 20, 2, 30, 0, TimeSpan.Zero),
                new CoverageReport(
                    Day(2026, 11, 20),
                    [new CoveragePeriodView("01234567", "好日子食品股份有限公司", null, "labour", Day(1990, 3, 1), null, 45800, [new SalaryStepView(Day(1990, 3, 1), null, 45800)])],
                    [new SeniorityView("labour", 36, 269, (36 * 365) + 269)],
                    new CurrentCoverageView(true, [])));
            await page.EvaluateAsync(
                "([s, c]) => { localStorage.setItem('laobao.settings', s); localStorage.setItem('laobao.cache.coverage', c); }",
                new[] { JsonSerializer.Serialize(settings, Json), JsonSerializer.Serialize(coverage, Json) });
        }
        finally
        {
            await host.DisposeAsync();
        }

        await context.SetOfflineAsync(true);
        await page.GotoAsync(new Uri(app, "coverage").ToString());
        var notice = page.Locator("#offline-notice");
        await notice.WaitForAsync();
        Assert.Contains("115/11/20 10:30 (2026-11-20 10:30)", await notice.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("離線", await notice.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#updated-at").CountAsync());
        Assert.Equal("好日子食品股份有限公司", await page.Locator(".unit-name").InnerTextAsync());
        Assert.Equal("079/03/01 (1990-03-01)", await page.Locator(".period-start").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("09-offline-coverage"), FullPage = true });

        // The pension was never fetched: offline, the app says there is nothing rather than showing anything as current.
        await page.GotoAsync(new Uri(app, "pension").ToString());
        await page.Locator("#offline-notice").WaitForAsync();
        Assert.Equal("離線中，且本機沒有先前取得的資料。", await page.Locator("#offline-notice").InnerTextAsync());
    }

    private static DateView Day(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);
        var roc = Laobao.Domain.Dates.RocDate.ToSlashed(date);
        var iso = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new DateView(iso, roc, $"{roc} ({iso})");
    }
}
