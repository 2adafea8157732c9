using System.Text.RegularExpressions;
using Laobao.Tests.Browser;
using Laobao.Web.Localization;
using Laobao.Web.Tests.Browser;
using Laobao.Web.Tests.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Laobao.Web.Tests.App;

/// <summary>
/// The two screens of a device link, as a person works them: the e-desk's 認證裝置 page in one Chromium and the phone
/// app in another. Every step waits for what the person would see; nothing is answered by a page route.
/// </summary>
internal static class DeskAndPhone
{
    /// <summary>How the e-desk shows a manual code: 8 letters of SPEC §6's alphabet, XXXX-XXXX.</summary>
    private static readonly Regex ManualCode = new("^[B-Z]{4}-[B-Z]{4}$");

    /// <summary>The e-desk signed in with the card through the real card bridge (SoftHSM2), open on 認證裝置 with its QR drawn.</summary>
    public static async Task<IPage> DeskWithCardAsync(CardDesk desk)
    {
        var context = await Chromium.NewContextAsync(desk.Browser, new BrowserNewContextOptions { Locale = "zh-TW" });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{desk.AppDesk.Origin}/desk/login?lang=zh-TW");
        await page.FillAsync("#idNumber", SignInScenario.IdNumber);
        await page.FillAsync("#birthDate", SignInScenario.BirthDate);
        await page.FillAsync("#pin", CardDesk.Pin);
        await page.ClickAsync("#login-button");
        await page.WaitForPageAsync(new Regex("/desk$"));
        return await OpenDevicesAsync(page, desk.AppDesk.Origin);
    }

    /// <summary>The e-desk of a person with no card on the token, through the host's test sign-in door.</summary>
    public static async Task<IPage> DeskThroughDoorAsync(CardDesk desk, string idNumber)
    {
        var context = await Chromium.NewContextAsync(desk.Browser, new BrowserNewContextOptions { Locale = "zh-TW" });
        var page = await context.NewPageAsync();
        var door = await page.GotoAsync($"{desk.AppDesk.Origin}/test/desk-sign-in?id={idNumber}");
        Assert.True(door is { Ok: true }, "the test sign-in door did not open");
        await page.GotoAsync($"{desk.AppDesk.Origin}/desk?lang=zh-TW");
        return await OpenDevicesAsync(page, desk.AppDesk.Origin);
    }

    /// <summary>The signed-in e-desk <paramref name="page"/> opened on 認證裝置, its QR and manual code drawn.</summary>
    public static async Task<IPage> OpenDevicesAsync(IPage page, string origin)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"{origin}/desk/devices");
        await Expect(page.Locator("#link-qr")).ToHaveAttributeAsync("src", new Regex("^data:image/png;base64,"));
        await Expect(page.Locator("#link-manual")).ToHaveTextAsync(ManualCode);
        await Expect(page.Locator("#link-expires")).ToHaveTextAsync(new Regex(@"^\d{3}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\)$"));
        return page;
    }

    /// <summary>A phone: its own Chromium (a fresh profile, so a fresh device key), optionally with a camera file, open at /app/link.</summary>
    public static async Task<(IBrowser Browser, IPage Page)> PhoneAsync(CardDesk desk, string? cameraFile, string lang = "zh-TW")
    {
        var browser = await Chromium.LaunchAsync(desk.Playwright, cameraFile);
        var context = await Chromium.PhoneAsync(browser);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{desk.AppDesk.Origin}/app/link?lang={lang}");
        await Chromium.WaitForAppAsync(page);
        return (browser, page);
    }

    /// <summary>
    /// Links the phone open at /app/link through the e-desk open on 認證裝置, the way most people do it: the manual code
    /// read off the e-desk is typed on the phone, and the number the phone shows is picked on the e-desk.
    /// Answers the phone's name as the e-desk lists it.
    /// </summary>
    public static async Task<string> LinkByManualCodeAsync(IPage desk, IPage phone, string holder, string site)
    {
        var number = await TypeManualCodeAsync(desk, phone, holder, site);
        return await ConfirmNumberAsync(desk, phone, number);
    }

    /// <summary>
    /// The first half of a link: the manual code read off the e-desk (once the app is ready, as it is redrawn every 10 s)
    /// is typed on the phone — <paramref name="asTyped"/> shows how a person typed it — and sent; answers the number shown.
    /// </summary>
    public static async Task<string> TypeManualCodeAsync(
        IPage desk, IPage phone, string holder, string site, Func<string, string>? asTyped = null, string? deviceName = null, string? screenshot = null)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(phone);
        var manual = desk.Locator("#link-manual");
        await Expect(manual).ToHaveTextAsync(ManualCode);
        var code = await manual.InnerTextAsync();
        await phone.Locator("#manual-code").FillAsync(asTyped is null ? code : asTyped(code));
        if (deviceName is not null)
        {
            await phone.Locator("#device-name").FillAsync(deviceName);
        }

        if (screenshot is not null)
        {
            await phone.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot(screenshot), FullPage = true });
        }

        await phone.Locator("#submit-code").ClickAsync();
        return await NumberShownAsync(phone, holder, site);
    }

    /// <summary>The second half of a link: the phone's number picked on the e-desk, and both screens say it is linked.</summary>
    public static async Task<string> ConfirmNumberAsync(IPage desk, IPage phone, string number, string? screenshot = null)
    {
        await PickAsync(desk, _ => number, screenshot);
        return await LinkedAsync(desk, phone);
    }

    /// <summary>The phone has presented a ticket: it shows the masked name, the site and the number; answers the number.</summary>
    public static async Task<string> NumberShownAsync(IPage phone, string holder, string site)
    {
        ArgumentNullException.ThrowIfNull(phone);
        await Expect(phone.Locator("#match-number")).ToHaveTextAsync(new Regex("^[0-9]{2}$"));
        await Expect(phone.Locator("#link-holder")).ToHaveTextAsync(holder);
        await Expect(phone.Locator("#link-site")).ToHaveTextAsync(site);
        return await phone.Locator("#match-number").InnerTextAsync();
    }

    /// <summary>The e-desk offers three numbers for the phone it names; the person picks <paramref name="choice"/>.</summary>
    public static async Task<string> PickAsync(IPage desk, Func<IReadOnlyList<string>, string> choice, string? screenshot = null)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(choice);
        var buttons = desk.Locator("#link-choices button");
        await Expect(buttons).ToHaveCountAsync(3);
        await Expect(desk.Locator("#link-device")).ToContainTextAsync("(Linux)");
        var offered = await buttons.AllInnerTextsAsync();
        Assert.All(offered, n => Assert.Matches("^[0-9]{2}$", n));
        Assert.Equal(3, offered.Distinct().Count());
        if (screenshot is not null)
        {
            await desk.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot(screenshot), FullPage = true });
        }

        var picked = choice([.. offered]);
        await desk.Locator("#link-choices").GetByRole(AriaRole.Button, new() { Name = picked, Exact = true }).ClickAsync();
        return picked;
    }

    /// <summary>After the right pick: the e-desk says so and lists the phone; the phone says it is verified.</summary>
    public static async Task<string> LinkedAsync(IPage desk, IPage phone)
    {
        var deviceName = (await desk.Locator("#link-device").InnerTextAsync()).Replace(" (Linux)", "", StringComparison.Ordinal);
        await Expect(desk.Locator("#link-message")).ToHaveTextAsync(CopyDeck.Text("deviceLinkLinked", UiLanguage.ZhTw));
        await Expect(phone.Locator("#link-done")).ToBeVisibleAsync();
        // The e-desk page reloads itself and lists the phone, read back from the database.
        await Expect(desk.Locator("#devices")).ToContainTextAsync(deviceName);
        return deviceName;
    }

    /// <summary>登入 with email and password (the device key proves the phone); ends on the signed-in start page.</summary>
    public static async Task SignInAsync(IPage phone, string email, string password, string? screenshot = null)
    {
        await phone.Locator("#go-login").ClickAsync();
        await phone.Locator("#email").FillAsync(email);
        await phone.Locator("#password").FillAsync(password);
        if (screenshot is not null)
        {
            await phone.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot(screenshot), FullPage = true });
        }

        await phone.Locator("#login").ClickAsync();
        await Expect(phone.Locator("#logout")).ToBeVisibleAsync();
    }

    /// <summary>From anywhere in the app to a menu item of the start page, by the app's own links (a reload would end the session).</summary>
    public static async Task OpenFromHomeAsync(IPage phone, string menuItem)
    {
        await phone.Locator("header a.brand").ClickAsync();
        await phone.Locator(menuItem).ClickAsync();
    }
}
