using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Laobao.Tests.Browser;

/// <summary>Debian's Chromium driven by Playwright (never Playwright's own browser download), headless, phone-sized.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] BaseArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync",
    ];

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright, string? fakeCameraFile = null)
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"The browser tests need Chromium at {ExecutablePath}: apt-get install -y chromium");
        }

        // Web-first assertions (Expect) wait 5 s by default; give them the same patience as every other step.
        Assertions.SetDefaultExpectTimeout((float)StepTimeout.TotalMilliseconds);

        var args = BaseArgs.ToList();
        if (fakeCameraFile is not null)
        {
            args.AddRange(
            [
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-video-capture=" + fakeCameraFile,
            ]);
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = args,
        });
    }

    /// <summary>
    /// How long a browser step may wait. Playwright's 30 s default is too short when the whole suite shares two cores
    /// with PostgreSQL, SoftHSM and several hosts: a CI run once spent over 30 s on one page load that takes well under
    /// a second alone. A step that truly hangs still fails, only later.
    /// </summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(90);

    /// <summary>A new browser context whose every step waits up to <see cref="StepTimeout"/>.</summary>
    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser, BrowserNewContextOptions? options = null)
    {
        var context = await browser.NewContextAsync(options ?? new BrowserNewContextOptions());
        context.SetDefaultTimeout((float)StepTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)StepTimeout.TotalMilliseconds);
        return context;
    }

    /// <summary>
    /// Waits until the page has moved to a URL matching <paramref name="url"/> and that document has fully loaded.
    /// The URL is read from the page itself in a loop rather than through Playwright's WaitForURL, whose internal
    /// navigation-event wait once hung for the whole step timeout after a click whose navigation had already happened
    /// (fresh-clone demo journey, 2026-12-07). When the wait gives up, the message names the URL the page was on.
    /// </summary>
    public static async Task WaitForPageAsync(this IPage page, Regex url)
    {
        var deadline = DateTime.UtcNow + StepTimeout;
        while (true)
        {
            if (url.IsMatch(page.Url) && await IsLoadedAsync(page))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"The page did not reach a URL matching {url} and finish loading within {StepTimeout.TotalSeconds:0} s; it is on {page.Url}.");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<bool> IsLoadedAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<bool>("() => document.readyState === 'complete'");
        }
        catch (PlaywrightException)
        {
            // The document was replaced while we asked (a navigation in flight): ask again on the next turn.
            return false;
        }
    }

    /// <summary>A phone-sized page; service workers allowed or blocked (blocked lets page routes see every API call).</summary>
    public static async Task<IBrowserContext> PhoneAsync(IBrowser browser, bool serviceWorkers = true) =>
        await NewContextAsync(browser, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            HasTouch = true,
            Locale = "zh-TW",
            ServiceWorkers = serviceWorkers ? ServiceWorkerPolicy.Allow : ServiceWorkerPolicy.Block,
        });

    /// <summary>Waits until Blazor has rendered the app's layout (the language switch is part of it).</summary>
    public static async Task WaitForAppAsync(IPage page) =>
        await page.Locator("#lang-switch").WaitForAsync();
}
