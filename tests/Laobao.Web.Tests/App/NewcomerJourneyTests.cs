using System.Text.RegularExpressions;
using Laobao.App.Localization;
using Laobao.Tests.Browser;
using Laobao.Web.Features.Inquiry;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Localization;
using Laobao.Web.Tests.Accessibility;
using Laobao.Web.Tests.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Laobao.Web.Tests.App;

/// <summary>
/// Issue 14's journey items, each seen in Chromium in English, as the newcomer met them: a Vietnamese spouse whose
/// browser asks for English (阮氏蘭, Nguyen Thi Lan, see <see cref="NewcomerRecords"/>). Real host, database, card
/// bridge and API; no page routes.
/// </summary>
[Collection(CardDeskCollection.Name)]
public sealed class NewcomerJourneyTests(CardDesk desk)
{
    private static string App(string key) => AppCopy.Get(key, AppLanguage.En);

    [Fact]
    public async Task The_app_and_the_desk_follow_an_english_browser_and_the_app_remembers_the_choice()
    {
        // Item 6. The app on first start: navigator.languages says English, so English, and that is remembered.
        await using var english = await Newcomer.EnglishContextAsync(desk.Browser, Newcomer.Phone);
        var app = await english.NewPageAsync();
        await app.GotoAsync($"{desk.AppDesk.Origin}/app/");
        await Chromium.WaitForAppAsync(app);
        await Expect(app.Locator("#menu-verify-device")).ToContainTextAsync("Verify device");
        await Expect(app.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(app).ToHaveTitleAsync("Laobao app");
        Assert.Equal("en", await app.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('laobao.settings')).language"));

        // A choice made in the app outlives the browser's preference.
        await app.Locator("#lang-switch").ClickAsync();
        await Expect(app.Locator("#menu-verify-device")).ToHaveTextAsync("認證裝置");
        await app.ReloadAsync();
        await Chromium.WaitForAppAsync(app);
        await Expect(app.Locator("#menu-verify-device")).ToHaveTextAsync("認證裝置");

        // /app/?lang=en sets it (and is remembered too).
        await app.GotoAsync($"{desk.AppDesk.Origin}/app/?lang=en");
        await Expect(app.Locator("#menu-verify-device")).ToContainTextAsync("Verify device");
        await app.GotoAsync($"{desk.AppDesk.Origin}/app/");
        await Expect(app.Locator("#menu-verify-device")).ToContainTextAsync("Verify device");

        // The e-desk follows Accept-Language the same way.
        var deskPage = await english.NewPageAsync();
        await deskPage.GotoAsync($"{desk.AppDesk.Origin}/desk/login");
        await Expect(deskPage.Locator("#login-button")).ToHaveTextAsync("Log in");
        await Expect(deskPage.Locator("html")).ToHaveAttributeAsync("lang", "en");

        // A Chinese browser still gets Chinese everywhere.
        await using var chinese = await Chromium.NewContextAsync(desk.Browser, new BrowserNewContextOptions { Locale = "zh-TW" });
        var zhApp = await chinese.NewPageAsync();
        await zhApp.GotoAsync($"{desk.AppDesk.Origin}/app/");
        await Expect(zhApp.Locator("#menu-verify-device")).ToHaveTextAsync("認證裝置");
        var zhDesk = await chinese.NewPageAsync();
        await zhDesk.GotoAsync($"{desk.AppDesk.Origin}/desk/login");
        await Expect(zhDesk.Locator("#login-button")).ToHaveTextAsync("登入");
    }

    [Theory]
    [InlineData("1990-05-01")]
    [InlineData("19900501")]
    [InlineData("1990/5/1")]
    public async Task A_gregorian_birth_date_in_the_roc_field_is_offered_in_its_roc_form(string typed)
    {
        // Item 12.
        await using var context = await Newcomer.EnglishContextAsync(desk.Browser);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{desk.AppDesk.Origin}/desk/login");
        await page.Locator("#birthDate").FillAsync(typed);
        await Expect(page.Locator("#birthDate-status")).ToHaveTextAsync(
            "This looks like a Gregorian date. Did you mean 079/05/01 (1990-05-01)? Enter it as 0790501.");
        await Expect(page.Locator("#birthDate-status")).ToHaveAttributeAsync("data-rule", "birthLooksGregorian");

        // Typed as offered, it is accepted and shown in both calendars.
        await page.Locator("#birthDate").FillAsync("0790501");
        await Expect(page.Locator("#birthDate-status")).ToHaveTextAsync("Gregorian: 1990-05-01");
        await Newcomer.AssertEnglishPunctuationAsync(page, "login, Gregorian date offered");
    }

    [Fact]
    public async Task The_newcomer_links_a_phone_signs_in_and_reads_clear_english_from_start_to_end()
    {
        // Item 16: the name in both scripts, English leading with the Latin one.
        var deskPage = await Newcomer.EnglishDeskAsync(desk, AppDesk.Lan);
        await using var deskContext = deskPage.Context;
        await Expect(deskPage.Locator("#person-name")).ToHaveTextAsync($"{AppDesk.LanLatin} ({AppDesk.LanName})");
        await Newcomer.AssertEnglishPunctuationAsync(deskPage, "desk home");
        // For the user guide: the e-desk's styled buttons at desktop and phone width.
        await Newcomer.DocsImageAsync(deskPage, "newcomer-desk-home-desktop-en");
        await deskPage.SetViewportSizeAsync(Newcomer.Phone.Width, Newcomer.Phone.Height);
        await Newcomer.DocsImageAsync(deskPage, "newcomer-desk-home-phone-en");
        await deskPage.SetViewportSizeAsync(Newcomer.Desktop.Width, Newcomer.Desktop.Height);
        await DeskAndPhone.OpenDevicesAsync(deskPage, desk.AppDesk.Origin);
        // Item 15: the code stays valid while it is typed.
        await Expect(deskPage.Locator("main .lead")).ToContainTextAsync("stays valid for at least 20 seconds after it is replaced");

        // Item 10: a phone that asked and was abandoned…
        var (abandonedBrowser, abandoned) = await Newcomer.EnglishPhoneAsync(desk);
        string spent;
        await using (abandonedBrowser)
        {
            spent = await Newcomer.PresentAsync(deskPage, abandoned, "Abandoned phone");
        }

        var (browser, phone) = await Newcomer.EnglishPhoneAsync(desk);
        await using (browser)
        {
            // …is superseded by the next phone that asks.
            spent = await Newcomer.PresentAsync(deskPage, phone, "Lan's phone", notThis: spent);

            // Item 13: a wrong pick says the number did not match and how to try again, on both screens.
            var shown = await phone.Locator("#match-number").InnerTextAsync();
            var offered = await Newcomer.OfferedAsync(deskPage);
            // Item 7: the number buttons stand apart.
            var boxes = await deskPage.Locator("#link-choices button").EvaluateAllAsync<double[]>("bs => bs.map(b => b.getBoundingClientRect().left)");
            var widths = await deskPage.Locator("#link-choices button").EvaluateAllAsync<double[]>("bs => bs.map(b => b.getBoundingClientRect().width)");
            Assert.True(boxes[1] - (boxes[0] + widths[0]) >= 8, "the number buttons touch each other");
            await Newcomer.DocsImageAsync(deskPage, "newcomer-desk-pick-number-desktop-en");
            await Newcomer.PickAsync(deskPage, offered.First(n => n != shown));
            await Expect(deskPage.Locator("#link-message")).ToHaveTextAsync(CopyDeck.Text("deviceLinkRefused", UiLanguage.En));
            await Expect(phone.Locator("#link-error")).ToHaveTextAsync(App("linkRefused"));
            Assert.Contains("did not match", App("linkRefused"), StringComparison.Ordinal);
            await Newcomer.AssertEnglishPunctuationAsync(phone, "app, wrong number");

            // Trying again as told works; the success stays on the desk, and no earlier request comes back.
            await Newcomer.PresentAsync(deskPage, phone, "Lan's phone", notThis: spent);
            await Newcomer.PickAsync(deskPage, await phone.Locator("#match-number").InnerTextAsync());
            await Expect(phone.Locator("#link-done")).ToBeVisibleAsync();
            await deskPage.WaitForPageAsync(new Regex("/desk/devices\\?done=linked$"));
            await Expect(deskPage.Locator("#link-message")).ToHaveTextAsync(CopyDeck.Text("deviceLinkLinked", UiLanguage.En));
            await Expect(deskPage.Locator("#devices")).ToContainTextAsync("Lan's phone");
            await Expect(deskPage.Locator("#devices")).Not.ToContainTextAsync("Abandoned phone");
            Assert.Equal(204, await deskPage.EvaluateAsync<int>("async () => (await fetch('/desk/api/device-link/pending', { credentials: 'same-origin' })).status"));
            await Expect(deskPage.Locator("#link-pending")).ToBeHiddenAsync();
            await Expect(deskPage.Locator("#link-message")).ToHaveTextAsync(CopyDeck.Text("deviceLinkLinked", UiLanguage.En));
            await Newcomer.AssertEnglishPunctuationAsync(deskPage, "desk devices, linked");

            // Item 13: an empty sign-in says which field is empty.
            await phone.Locator("#go-login").ClickAsync();
            // Item 7: "Log in" is a styled button (the page's font, the brand colour), shown at phone and desktop width.
            await Expect(phone.Locator("#login")).ToHaveCSSAsync("background-color", "rgb(11, 92, 173)");
            Assert.Equal(
                await phone.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily"),
                await phone.Locator("#login").EvaluateAsync<string>("e => getComputedStyle(e).fontFamily"));
            await Newcomer.DocsImageAsync(phone, "newcomer-app-signin-phone-en");
            await phone.SetViewportSizeAsync(Newcomer.Desktop.Width, Newcomer.Desktop.Height);
            await Newcomer.DocsImageAsync(phone, "newcomer-app-signin-desktop-en");
            await phone.SetViewportSizeAsync(Newcomer.Phone.Width, Newcomer.Phone.Height);
            await phone.Locator("#login").ClickAsync();
            await Expect(phone.Locator("#login-error")).ToHaveTextAsync("Enter your account (email) and your password.");
            await phone.Locator("#email").FillAsync(AppDesk.LanEmail);
            await phone.Locator("#login").ClickAsync();
            await Expect(phone.Locator("#login-error")).ToHaveTextAsync("Enter your password.");
            await phone.Locator("#email").FillAsync("");
            await phone.Locator("#password").FillAsync(AppDesk.LanPassword);
            await phone.Locator("#login").ClickAsync();
            await Expect(phone.Locator("#login-error")).ToHaveTextAsync("Enter your account (email).");
            await Newcomer.AssertEnglishPunctuationAsync(phone, "app sign-in, empty field");

            await phone.Locator("#email").FillAsync(AppDesk.LanEmail);
            await phone.Locator("#login").ClickAsync();
            await Expect(phone.Locator("#logout")).ToBeVisibleAsync();
            // Item 16 in the app.
            await Expect(phone.Locator("#person-name")).ToHaveTextAsync($"{AppDesk.LanLatin} ({AppDesk.LanName})");
            await Newcomer.AssertEnglishPunctuationAsync(phone, "app home");
            await Newcomer.DocsImageAsync(phone, "newcomer-app-home-phone-en");

            // Item 20 in the app at phone width: one entry for the three kinds at each unit, under the timeline.
            await DeskAndPhone.OpenFromHomeAsync(phone, "#menu-coverage");
            var periods = phone.Locator(".coverage-period");
            await Expect(periods).ToHaveCountAsync(2);
            await Expect(periods.Nth(0).Locator(".period-kind")).ToHaveTextAsync("Labour insurance · Employment insurance · Occupational accident insurance");
            await Expect(periods.Nth(0).Locator(".unit-name")).ToHaveTextAsync("Bing Factory");
            await Expect(phone.Locator("#career-timeline .timeline-unit")).ToHaveCountAsync(2);
            Assert.InRange(await phone.Locator("#career-timeline").EvaluateAsync<double>("e => e.getBoundingClientRect().width"), 300, Newcomer.Phone.Width);
            await phone.Locator("#timeline-text summary").ClickAsync();
            await Expect(phone.Locator("#timeline-text li.timeline-gap")).ToHaveTextAsync("Not insured: 107/07/01 (2018-07-01) to 108/08/31 (2019-08-31)");
            await AxeCheck.AssertNoSeriousViolationsAsync(phone, "app coverage with timeline (en, phone width)");
            await Newcomer.AssertEnglishPunctuationAsync(phone, "app coverage");
            await Newcomer.DocsImageAsync(phone, "newcomer-app-coverage-phone-en");

            // Item 9: why there is no pension data, and since when she could be covered, in one sentence.
            await DeskAndPhone.OpenFromHomeAsync(phone, "#menu-pension");
            var why = InquiryService.NoData(new PensionExplanation(PensionExplanationCode.ResidenceNotEligible, new DateOnly(2014, 1, 17)), UiLanguage.En).Message;
            await Expect(phone.Locator("#pension-no-data")).ToHaveTextAsync(why);
            Assert.Contains("no employer has contributed for you yet", why, StringComparison.Ordinal);
            Assert.Contains("you could be covered since 103/01/17 (2014-01-17)", why, StringComparison.Ordinal);
            await Expect(phone.Locator("#pension-scheme")).ToHaveTextAsync("No contributions yet");
            await Newcomer.AssertEnglishPunctuationAsync(phone, "app pension, no data");

            // Item 14: a reload says the app was reloaded, not that a session timed out…
            await phone.ReloadAsync();
            await Expect(phone.Locator("#app-reloaded")).ToHaveTextAsync(App("appReloaded"));
            await Expect(phone.Locator("#session-expired")).ToHaveCountAsync(0);

            // …and a device key that is gone leads to verifying the device again, not to "something went wrong".
            await phone.EvaluateAsync("""
                () => new Promise((resolve, reject) => {
                  const request = indexedDB.deleteDatabase('laobao-device');
                  request.onsuccess = () => resolve(true);
                  request.onerror = () => reject(request.error);
                  request.onblocked = () => reject(new Error('the device key store is still open'));
                })
                """);
            await phone.Locator("#email").FillAsync(AppDesk.LanEmail);
            await phone.Locator("#password").FillAsync(AppDesk.LanPassword);
            await phone.Locator("#login").ClickAsync();
            await Expect(phone.Locator("#device-key-lost")).ToHaveTextAsync(App("deviceKeyLost"));
            await Expect(phone.Locator("#blazor-error-ui")).ToBeHiddenAsync();
            await Newcomer.AssertEnglishPunctuationAsync(phone, "app sign-in, device key gone");
            await phone.Locator("#go-verify-device").ClickAsync();
            await Expect(phone.Locator("#submit-code")).ToBeVisibleAsync();
            Assert.Null(await phone.EvaluateAsync<string?>("() => JSON.parse(localStorage.getItem('laobao.settings') || '{}').deviceId ?? null"));
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh-TW")]
    public async Task Coverage_groups_kinds_that_share_unit_and_period_under_a_career_timeline_at_phone_width(string lang)
    {
        // Item 20 on the e-desk, at phone width, axe clean.
        var english = lang == "en";
        var language = english ? UiLanguage.En : UiLanguage.ZhTw;
        var page = await Newcomer.EnglishDeskAsync(desk, AppDesk.Lan, Newcomer.Phone);
        await using var context = page.Context;
        await page.GotoAsync($"{desk.AppDesk.Origin}/desk/inquiry/coverage?lang={lang}");

        var groups = page.Locator("#periods tr.coverage-group");
        await Expect(groups).ToHaveCountAsync(2);
        var kinds = string.Join(" · ", new[] { "labour", "employment", "occupational" }.Select(k => CopyDeck.Text("kind." + k, language)));
        await Expect(groups.Nth(0).Locator(".group-kinds")).ToHaveTextAsync(kinds);
        await Expect(groups.Nth(0).Locator(".unit-name")).ToHaveTextAsync(english ? "Bing Factory" : "丙工廠");
        await Expect(groups.Nth(1).Locator(".group-kinds")).ToHaveTextAsync(kinds);

        // The picture: one row per unit, the raise as a second step, and its text alternative naming the gap.
        var timeline = page.Locator("#career-timeline");
        await Expect(timeline).ToHaveAttributeAsync("role", "img");
        await Expect(timeline.Locator(".timeline-unit")).ToHaveCountAsync(2);
        await Expect(timeline.Locator(".timeline-unit").Nth(0).Locator("rect.timeline-step")).ToHaveCountAsync(2);
        await Expect(timeline.Locator("title")).ToHaveTextAsync(CopyDeck.Text("timelineTitle", language));
        await page.Locator("#timeline-text summary").ClickAsync();
        await Expect(page.Locator("#timeline-text li.timeline-gap")).ToHaveTextAsync(
            string.Format(System.Globalization.CultureInfo.InvariantCulture, CopyDeck.Text("timelineGap", language), "107/07/01 (2018-07-01)", "108/08/31 (2019-08-31)"));

        // Readable at phone width: the picture fits the screen, and no date breaks inside.
        var width = await timeline.EvaluateAsync<double>("e => e.getBoundingClientRect().width");
        Assert.InRange(width, 300, Newcomer.Phone.Width);
        // Two dates for the closed spell, one for the open one, two for the gap: each kept on one line.
        await Expect(page.Locator("#timeline-text .date")).ToHaveCountAsync(5);
        var dates = await page.Locator("#periods .date, #timeline-text .date").AllAsync();
        Assert.NotEmpty(dates);
        foreach (var date in dates)
        {
            Assert.Equal("nowrap", await date.EvaluateAsync<string>("e => getComputedStyle(e).whiteSpace"));
        }

        await AxeCheck.AssertNoSeriousViolationsAsync(page, $"coverage with timeline ({lang}, phone width)");
        if (english)
        {
            await Newcomer.AssertEnglishPunctuationAsync(page, "desk coverage");
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot($"desk-coverage-timeline-phone-{lang}"), FullPage = true });
    }
}
