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

    /// <summary>A phone-sized page; service workers allowed or blocked (blocked lets page routes see every API call).</summary>
    public static async Task<IBrowserContext> PhoneAsync(IBrowser browser, bool serviceWorkers = true) =>
        await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            HasTouch = true,
            Locale = "zh-TW",
            ServiceWorkers = serviceWorkers ? ServiceWorkerPolicy.Allow : ServiceWorkerPolicy.Block,
        });

    /// <summary>Waits until Blazor has rendered the app's layout (the language switch is part of it).</summary>
    public static async Task WaitForAppAsync(IPage page) =>
        await page.Locator("#lang-switch").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
}
