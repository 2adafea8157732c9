using Laobao.Domain.Dates;
using Laobao.Tests.Browser;
using Laobao.Web.Localization;
using Laobao.Web.Tests.Browser;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Laobao.Web.Tests.App;

/// <summary>
/// Issue 7's end-to-end proof, with every part real: the e-desk in one Chromium (signed in with the card through the
/// card bridge on SoftHSM2) shows the 認證裝置 QR; the picture of that very <c>&lt;img&gt;</c> becomes the fake camera of a
/// second Chromium running the phone app at /app; the app links (the person picks the number on the e-desk), signs in
/// with email + password and shows 王小明's coverage and pension as worked out by hand in <see cref="WangFigures"/>.
/// Real /api/v1 endpoints and database, no page routes. Screenshots land in artifacts/screenshots/ (app-*.png, desk-*.png).
/// </summary>
[Collection(CardDeskCollection.Name)]
public sealed class PhoneLinkEndToEndTests(CardDesk desk) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("laobao-e2e-camera-").FullName;

    [Fact]
    public async Task The_phone_scans_the_desk_qr_links_after_the_number_is_picked_signs_in_and_shows_coverage_and_pension_in_both_languages()
    {
        var deskPage = await DeskAndPhone.DeskWithCardAsync(desk);
        await using var deskContext = deskPage.Context;
        await deskPage.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("desk-devices-qr-zh"), FullPage = true });
        var camera = FakeCamera.WriteBlank(work);

        var (browser, phone) = await DeskAndPhone.PhoneAsync(desk, camera);
        await using (browser)
        {
            // Held up to the screen only once the app is ready: a drawn QR stays good for about 30 s once the e-desk
            // has drawn the next (every 10 s), as a person scanning it would.
            await FakeCamera.ShowImageOfAsync(deskPage.Locator("#link-qr"), camera);
            await phone.Locator("#start-camera").ClickAsync();
            var number = await DeskAndPhone.NumberShownAsync(phone, "王○明", desk.AppDesk.Origin);
            await phone.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("app-link-zh"), FullPage = true });

            await DeskAndPhone.ConfirmNumberAsync(deskPage, phone, number, screenshot: "desk-devices-pick-zh");
            await phone.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("app-linked-zh"), FullPage = true });

            await DeskAndPhone.SignInAsync(phone, Accounts.WangEmail, Accounts.WangPassword, screenshot: "app-signin-zh");
            await phone.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("app-home-zh"), FullPage = true });

            await DeskAndPhone.OpenFromHomeAsync(phone, "#menu-coverage");
            await WangFigures.AssertCoverageAsync(phone, Words.Chinese, "app-coverage-zh");
            await DeskAndPhone.OpenFromHomeAsync(phone, "#menu-pension");
            await WangFigures.AssertPensionAsync(phone, Words.Chinese, "app-pension-zh");

            // The same figures in English, switched in the app (the session carries on).
            await phone.Locator("#lang-switch").ClickAsync();
            await Expect(phone.Locator("#lang-switch")).ToHaveTextAsync("中文");
            await DeskAndPhone.OpenFromHomeAsync(phone, "#menu-coverage");
            await WangFigures.AssertCoverageAsync(phone, Words.English, "app-coverage-en");
            await DeskAndPhone.OpenFromHomeAsync(phone, "#menu-pension");
            await WangFigures.AssertPensionAsync(phone, Words.English, "app-pension-en");
        }
    }

    [Fact]
    public async Task The_manual_code_typed_into_the_phone_links_the_same_way_and_the_figures_follow()
    {
        var deskPage = await DeskAndPhone.DeskWithCardAsync(desk);
        await using var deskContext = deskPage.Context;

        var (browser, phone) = await DeskAndPhone.PhoneAsync(desk, cameraFile: null);
        await using (browser)
        {
            // As a person types it off the screen: lower case, no dash.
            var number = await DeskAndPhone.TypeManualCodeAsync(
                deskPage, phone, "王○明", desk.AppDesk.Origin, code => code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant(), "Manual-code phone", "app-link-manual-zh");

            Assert.Equal("Manual-code phone", await DeskAndPhone.ConfirmNumberAsync(deskPage, phone, number));

            await DeskAndPhone.SignInAsync(phone, Accounts.WangEmail, Accounts.WangPassword);
            await DeskAndPhone.OpenFromHomeAsync(phone, "#menu-coverage");
            await WangFigures.AssertCoverageAsync(phone, Words.Chinese, "app-coverage-manual-zh");
            await DeskAndPhone.OpenFromHomeAsync(phone, "#menu-pension");
            await WangFigures.AssertPensionAsync(phone, Words.Chinese, "app-pension-manual-zh");
        }
    }

    [Fact]
    public async Task A_person_without_a_pension_account_is_told_why()
    {
        var deskPage = await DeskAndPhone.DeskThroughDoorAsync(desk, People.Chen);
        await using var deskContext = deskPage.Context;

        var (browser, phone) = await DeskAndPhone.PhoneAsync(desk, cameraFile: null);
        await using (browser)
        {
            await DeskAndPhone.LinkByManualCodeAsync(deskPage, phone, "陳○", desk.AppDesk.Origin);
            await DeskAndPhone.SignInAsync(phone, AppDesk.ChenEmail, AppDesk.ChenPassword);

            await DeskAndPhone.OpenFromHomeAsync(phone, "#menu-pension");
            await Expect(phone.Locator("#pension-scheme")).ToHaveTextAsync("勞工退休金舊制");
            await Expect(phone.Locator("#pension-no-data")).ToContainTextAsync("您適用勞工退休金舊制（勞動基準法），退休準備金由雇主提撥，沒有個人專戶。");
            await Expect(phone.Locator("#pension-balance")).ToHaveTextAsync("0 元");
            await Expect(phone.Locator("#contributions")).ToHaveCountAsync(0);
            await phone.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("app-pension-none-zh"), FullPage = true });
        }
    }

    [Fact]
    public async Task A_wrong_number_picked_on_the_desk_links_nothing_and_both_screens_say_so()
    {
        var deskPage = await DeskAndPhone.DeskThroughDoorAsync(desk, People.Nguyen);
        await using var deskContext = deskPage.Context;

        var (browser, phone) = await DeskAndPhone.PhoneAsync(desk, cameraFile: null);
        await using (browser)
        {
            var number = await DeskAndPhone.TypeManualCodeAsync(deskPage, phone, "N" + new string('○', 11) + "n", desk.AppDesk.Origin);
            await DeskAndPhone.PickAsync(deskPage, offered => offered.First(n => n != number));

            await Expect(deskPage.Locator("#link-message")).ToHaveTextAsync(CopyDeck.Text("deviceLinkRefused", UiLanguage.ZhTw));
            await Expect(phone.Locator("#link-error")).ToHaveTextAsync("數字不符或已取消，請重新掃描。");
            await phone.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("app-link-refused-zh"), FullPage = true });

            await deskPage.ReloadAsync();
            await Expect(deskPage.Locator("#devices-none")).ToBeVisibleAsync();
            Assert.Null(await phone.EvaluateAsync<string?>("() => JSON.parse(localStorage.getItem('laobao.settings') || '{}').deviceId ?? null"));
        }
    }

    [Fact]
    public async Task The_activity_history_shows_50_entries_and_the_earlier_ones_on_asking()
    {
        var deskPage = await DeskAndPhone.DeskThroughDoorAsync(desk, People.Smith);
        await using var deskContext = deskPage.Context;

        var (browser, phone) = await DeskAndPhone.PhoneAsync(desk, cameraFile: null);
        await using (browser)
        {
            await DeskAndPhone.LinkByManualCodeAsync(deskPage, phone, "J" + new string('○', 8) + "h", desk.AppDesk.Origin);
            await DeskAndPhone.SignInAsync(phone, AppDesk.SmithEmail, AppDesk.SmithPassword);
            await DeskAndPhone.OpenFromHomeAsync(phone, "#menu-activity");

            // Newest first: this test's own entries (the link, the sign-in) on top of the 60 seeded, 50 to a page.
            var rows = phone.Locator("#activity tbody tr");
            await Expect(rows).ToHaveCountAsync(50);
            await Expect(rows.Nth(0)).ToContainTextAsync("以 App 登入");
            await Expect(phone.Locator("#activity")).Not.ToContainTextAsync("coverage-view");
            await Expect(phone.Locator("#activity-shown")).ToHaveTextAsync("已顯示最近 50 筆紀錄。");
            await phone.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("app-activity-zh"), FullPage = false });

            await phone.Locator("#more-activity").ClickAsync();
            // The second page is the last: the oldest seeded view ends the list, and nothing more is offered.
            await Expect(rows.Nth(50)).ToBeAttachedAsync();
            var oldest = DateOnly.FromDateTime(AppDesk.SmithHistoryFrom);
            await Expect(rows.Last).ToContainTextAsync($"{RocDate.ToSlashed(oldest)} 08:00 ({oldest:yyyy-MM-dd} 08:00)");
            await Expect(phone.Locator("#more-activity")).ToHaveCountAsync(0);
            await Expect(phone.Locator("#activity-shown")).ToHaveCountAsync(0);
            Assert.InRange(await rows.CountAsync(), AppDesk.SmithHistoryEntries + 2, 100);
        }
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
