using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.Playwright;
using static Laobao.Web.Tests.Accessibility.AccessibilityCases;
using static Laobao.Web.Tests.Accessibility.AccessibilityWorld;

namespace Laobao.Web.Tests.Accessibility;

/// <summary>
/// Every screen of the phone app (served by the web host at /app), at phone width, in both languages: axe-core
/// finds no serious or critical WCAG 2.1 A/AA violation, and the document's language is the language it shows.
/// Screens behind sign-in run on a phone linked for real, and sign in first (the app keeps tokens in memory only).
/// </summary>
[Collection(AccessibilityCollection.Name)]
public sealed class AppScreensAccessibilityTests(AccessibilityWorld world)
{
    /// <summary>Whether the phone is linked, where the app starts, and how to bring it to the screen checked.</summary>
    private sealed record AppScreen(bool Linked, string Path, Func<IPage, AccessibilityWorld, Task> Arrange);

    private static readonly Dictionary<string, AppScreen> Screens = new(StringComparer.Ordinal)
    {
        ["start, not linked"] = new(false, "", (page, _) => ExpectAsync(page, "#menu-verify-device")),
        ["verify device, manual code"] = new(false, "link", (page, _) => ExpectAsync(page, "#submit-code")),
        ["verify device, camera"] = new(false, "link", StartCameraAsync),
        ["verify device, code refused"] = new(false, "link", RefuseCodeAsync),
        ["verify device, number shown"] = new(false, "link", (page, w) => w.LinkAsync(page, pickNumber: false)),
        ["verify device, linked"] = new(false, "link", (page, w) => w.LinkAsync(page, pickNumber: true)),
        ["sign-in, not linked"] = new(false, "signin", (page, _) => ExpectAsync(page, "main a[href='link']")),
        ["sign-in"] = new(true, "signin", (page, _) => ExpectAsync(page, "#email")),
        ["sign-in, wrong password"] = new(true, "signin", WrongPasswordAsync),
        ["home, signed in"] = new(true, "signin", (page, _) => SignInAsync(page)),
        ["coverage"] = new(true, "signin", (page, _) => OpenAsync(page, "#menu-coverage", "#updated-at")),
        ["pension"] = new(true, "signin", (page, _) => OpenAsync(page, "#menu-pension", "#updated-at")),
        ["devices"] = new(true, "signin", (page, _) => OpenAsync(page, "#menu-devices", "#updated-at")),
        ["statements"] = new(true, "signin", (page, _) => OpenAsync(page, "#menu-statements", "#issue-form")),
        ["activity"] = new(true, "signin", (page, _) => OpenAsync(page, "#menu-activity", "#more-activity")),
        ["settings"] = new(true, "signin", (page, _) => OpenAsync(page, "#menu-settings", "#key-fingerprint")),
        ["coverage, offline notice"] = new(true, "signin", OfflineAsync),
    };

    public static TheoryData<string, string> Cases() => AccessibilityCases.InBothLanguages(Screens.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task App_screen_has_no_serious_accessibility_violation(string screen, string lang)
    {
        var app = Screens[screen];
        var context = app.Linked ? await world.LinkedAppAsync() : await world.PhoneAsync();
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync($"{world.Origin}/app/{app.Path}?lang={lang}");
            await ExpectAsync(page, "#lang-switch");
            await app.Arrange(page, world);

            await AssertAccessibleAsync(page, lang, $"app screen '{screen}'");
        }
        finally
        {
            await context.SetOfflineAsync(false);
            await page.CloseAsync();
            if (!app.Linked)
            {
                await context.DisposeAsync();
            }
        }
    }

    private static async Task StartCameraAsync(IPage page, AccessibilityWorld world)
    {
        await page.Locator("#start-camera").ClickAsync();
        await ExpectAsync(page, "#stop-camera");
    }

    private static async Task RefuseCodeAsync(IPage page, AccessibilityWorld world)
    {
        await page.Locator("#manual-code").FillAsync("ABCD-EFGH");
        await page.Locator("#submit-code").ClickAsync();
        await ExpectAsync(page, "#link-error");
    }

    private static async Task WrongPasswordAsync(IPage page, AccessibilityWorld world)
    {
        await page.Locator("#email").FillAsync(Accounts.WangEmail);
        await page.Locator("#password").FillAsync("not the password at all");
        await page.Locator("#login").ClickAsync();
        await ExpectAsync(page, "#login-error");
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.Locator("#email").FillAsync(Accounts.WangEmail);
        await page.Locator("#password").FillAsync(Accounts.WangPassword);
        await page.Locator("#login").ClickAsync();
        await ExpectAsync(page, "#logout");
    }

    private static async Task OpenAsync(IPage page, string menu, string ready)
    {
        await SignInAsync(page);
        await page.Locator(menu).ClickAsync();
        await ExpectAsync(page, ready);
    }

    /// <summary>Coverage fetched once, then the phone goes offline: the app shows its last copy, labelled with its date.</summary>
    private static async Task OfflineAsync(IPage page, AccessibilityWorld world)
    {
        await OpenAsync(page, "#menu-coverage", "#updated-at");
        await page.Locator("header .brand").ClickAsync();
        await ExpectAsync(page, "#menu-coverage");
        await page.Context.SetOfflineAsync(true);
        await page.Locator("#menu-coverage").ClickAsync();
        await ExpectAsync(page, "#offline-notice");
    }
}
