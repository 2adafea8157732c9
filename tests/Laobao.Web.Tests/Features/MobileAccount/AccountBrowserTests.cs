using System.Globalization;
using System.Text.RegularExpressions;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Localization;
using Laobao.Web.Tests.Browser;
using Laobao.Web.Tests.Security;
using Laobao.Web.Security.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Laobao.Tests.Browser;

namespace Laobao.Web.Tests.Features.MobileAccount;

/// <summary>
/// The whole account flow in Chromium, in each language, signing through the real card bridge with a SoftHSM2 card
/// and mailing through a real SMTP server on 127.0.0.1: card sign-in → 行動服務帳號作業 → 建立服務帳號 → 同意條款內容 →
/// the form with its as-you-type messages → the PIN → the success page → the code from the captured mail → 帳號啟用.
/// Every step checks the words of that language from the copy deck (SPEC §0).
/// </summary>
[Collection(CardDeskCollection.Name)]
public sealed partial class AccountBrowserTests(CardDesk desk)
{

    [Theory]
    [InlineData("zh-TW")]
    [InlineData("en")]
    public async Task PersonCreatesSignsAndActivatesTheirAccountInTheBrowser(string lang)
    {
        var language = lang == "en" ? UiLanguage.En : UiLanguage.ZhTw;
        string T(string key) => CopyDeck.Text(key, language);
        // A step's heading or button carries its Chinese name beside it in English (issue 14, item 17).
        string S(string key) => language == UiLanguage.En ? $"{T(key)} · {CopyDeck.Text(key, UiLanguage.ZhTw)}" : T(key);
        var email = $"browser-{lang.ToLowerInvariant()}@example.tw";
        await CloseOpenAccountsAsync();

        await using var context = await Chromium.NewContextAsync(desk.Browser);
        var page = await context.NewPageAsync();

        // Card sign-in.
        await page.GotoAsync($"{desk.DeskOrigin}/desk/login?lang={lang}");
        Assert.Equal(T("idNumber"), await TextAsync(page, "label[for='idNumber']"));
        Assert.Equal(T("birthDate"), await TextAsync(page, "label[for='birthDate']"));
        Assert.Equal(T("pin"), await TextAsync(page, "label[for='pin']"));
        Assert.Equal(T("login"), await TextAsync(page, "#login-button"));
        await page.FillAsync("#idNumber", SignInScenario.IdNumber);
        await page.FillAsync("#birthDate", SignInScenario.BirthDate);
        await page.FillAsync("#pin", CardDesk.Pin);
        await page.ClickAsync("#login-button");
        await page.WaitForPageAsync(new Regex("/desk$"));

        // 行動服務帳號作業: no account yet.
        Assert.Equal(S("mobileAccounts"), await TextAsync(page, "#menu-mobile-accounts"));
        await page.ClickAsync("#menu-mobile-accounts");
        await page.WaitForPageAsync(new Regex("/desk/accounts$"));
        Assert.Equal(S("mobileAccounts"), await TextAsync(page, "h1"));
        Assert.Equal("none", await page.Locator("#account-status").GetAttributeAsync("data-status"));
        Assert.Equal(T("accountStatus.none"), await TextAsync(page, "#account-status"));
        Assert.Equal(S("createAccount"), await TextAsync(page, "#create-account"));

        // 建立服務帳號 → 同意條款內容.
        await page.ClickAsync("#create-account");
        await page.WaitForPageAsync(new Regex("/desk/accounts/terms$"));
        Assert.Equal(T("termsTitle"), await TextAsync(page, "h1"));
        Assert.Equal(S("agreeTerms"), await TextAsync(page, "#agree-terms"));
        await page.ClickAsync("#agree-terms");
        await page.WaitForPageAsync(new Regex("/desk/accounts/apply$"));

        // The form: its labels, the read-only applicant, and each field's message as it is typed.
        Assert.Equal(S("createAccount"), await TextAsync(page, "h1"));
        foreach (var (field, key) in new[] { ("email", "account"), ("password", "password"), ("confirmPassword", "confirmPassword"), ("mobile", "mobileNumber"), ("pin", "pin") })
        {
            Assert.Equal(T(key), await TextAsync(page, $"label[for='{field}']"));
        }

        Assert.Equal(SignInScenario.Name, await TextAsync(page, "#applicant-name"));
        Assert.Equal("A12****789", await TextAsync(page, "#applicant-id"));
        Assert.Equal("060/01/02 (1971-01-02)", await TextAsync(page, "#applicant-birth"));

        await page.FillAsync("#email", "browser@example");
        Assert.Equal(T("email.format"), await TextAsync(page, "#email-status"));
        await page.FillAsync("#email", email);
        Assert.Equal(T("email.ok"), await TextAsync(page, "#email-status"));
        await page.FillAsync("#password", "short");
        Assert.Equal(T("password.too-short"), await TextAsync(page, "#password-status"));
        await page.FillAsync("#password", "password1234");
        await page.Locator("#password-status[data-rule='password.common']").WaitForAsync();
        Assert.Equal(T("password.common"), await TextAsync(page, "#password-status"));
        await page.FillAsync("#password", "颱風天在家煮一鍋番茄牛肉麵");
        await page.Locator("#password-status[data-rule='password.ok']").WaitForAsync();
        Assert.Equal(T("password.ok"), await TextAsync(page, "#password-status"));
        await page.FillAsync("#confirmPassword", "颱風天在家煮一鍋番茄牛肉");
        Assert.Equal(T("password.mismatch"), await TextAsync(page, "#confirmPassword-status"));
        await page.FillAsync("#confirmPassword", "颱風天在家煮一鍋番茄牛肉麵");
        Assert.Equal(T("confirm.ok"), await TextAsync(page, "#confirmPassword-status"));
        await page.FillAsync("#mobile", "0912-345-678");
        Assert.Equal(T("mobile.ok"), await TextAsync(page, "#mobile-status"));

        // The PIN again: the card signs the application, and the next page leaves no doubt that it went through.
        await page.FillAsync("#pin", CardDesk.Pin);
        await page.ClickAsync("#sign-button");
        await page.WaitForPageAsync(new Regex("/desk/accounts/applied$"));
        Assert.Equal(T("appliedTitle"), await TextAsync(page, "h1"));
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, T("appliedBody"), email), await TextAsync(page, "#applied-body"));
        Assert.Equal("status", await page.Locator("#applied-body").GetAttributeAsync("role"));
        Assert.Equal(T("appliedNext"), await TextAsync(page, "#applied-next"));
        Assert.Equal(S("activateAccount"), await TextAsync(page, "#activate-link"));

        // The code, from the mail the SMTP server accepted: both languages, the person's first, the same code.
        var mail = Assert.Single(await desk.Smtp.WaitForAsync(email, 1));
        var body = mail.TextBody ?? "";
        var chinese = ChineseCode().Match(body);
        var english = EnglishCode().Match(body);
        Assert.True(chinese.Success && english.Success, $"the activation mail lacks the code in one of its languages:\n{body}");
        Assert.Equal(chinese.Groups[1].Value, english.Groups[1].Value);
        Assert.Equal(language == UiLanguage.ZhTw, chinese.Index < english.Index);
        Assert.StartsWith(language == UiLanguage.ZhTw ? "您好" : "Hello", body, StringComparison.Ordinal);
        Assert.Contains(language == UiLanguage.ZhTw ? "啟用碼" : "activation code", mail.Subject, StringComparison.Ordinal);
        var code = chinese.Groups[1].Value;

        // 帳號啟用.
        await page.ClickAsync("#activate-link");
        await page.WaitForPageAsync(new Regex("/desk/accounts/activate$"));
        Assert.Equal(S("activateAccount"), await TextAsync(page, "h1"));
        Assert.Equal(T("codeLabel"), await TextAsync(page, "label[for='code']"));
        Assert.Equal(S("activateAccount"), await TextAsync(page, "#activate-button"));
        await page.FillAsync("#code", code);
        await page.ClickAsync("#activate-button");
        await page.WaitForPageAsync(new Regex("/desk/accounts\\?done=activated$"));
        Assert.Equal("active", await page.Locator("#account-status").GetAttributeAsync("data-status"));
        Assert.Equal(T("accountStatus.active"), await TextAsync(page, "#account-status"));
        Assert.Equal(T("code.activated"), await TextAsync(page, "#account-done"));
        Assert.Equal(email, await TextAsync(page, "#account-email"));
        Assert.Equal(S("verifyDevice"), await TextAsync(page, "#verify-device-link"));
        Assert.Equal(T("devicesNone"), await TextAsync(page, "#devices-none"));
    }

    [Theory]
    [InlineData("zh-TW")]
    [InlineData("en")]
    public async Task TooManyFailedCardSignaturesAreExplainedWithTheTimeToTryAgain(string lang)
    {
        var language = lang == "en" ? UiLanguage.En : UiLanguage.ZhTw;
        await CloseOpenAccountsAsync();
        DateTimeOffset until;
        await using (var scope = desk.Scenario.App.Services.CreateAsyncScope())
        {
            var limiter = scope.ServiceProvider.GetRequiredService<CardSignatureLimiter>();
            for (var i = 0; i < 5; i++)
            {
                await limiter.RecordFailureAsync(SignInScenario.IdNumber, CancellationToken.None);
            }

            until = await limiter.LimitedUntilAsync(SignInScenario.IdNumber, CancellationToken.None) ?? throw new InvalidOperationException("five failures did not limit the person");
        }

        try
        {
            await using var context = await Chromium.NewContextAsync(desk.Browser);
            var page = await context.NewPageAsync();
            await page.GotoAsync($"{desk.DeskOrigin}/desk/login?lang={lang}");
            await page.FillAsync("#idNumber", SignInScenario.IdNumber);
            await page.FillAsync("#birthDate", SignInScenario.BirthDate);
            await page.FillAsync("#pin", CardDesk.Pin);
            await page.ClickAsync("#login-button");
            await page.WaitForPageAsync(new Regex("/desk$"));

            await page.GotoAsync($"{desk.DeskOrigin}/desk/accounts/terms");
            await page.ClickAsync("#agree-terms");
            await page.WaitForPageAsync(new Regex("/desk/accounts/apply$"));
            await page.FillAsync("#email", $"limited-{lang.ToLowerInvariant()}@example.tw");
            await page.FillAsync("#password", "颱風天在家煮一鍋番茄牛肉麵");
            await page.FillAsync("#confirmPassword", "颱風天在家煮一鍋番茄牛肉麵");
            await page.FillAsync("#pin", CardDesk.Pin);
            await page.ClickAsync("#sign-button");

            var message = page.Locator($"#sign-message[data-code='{AccountCodes.SigningLimited}']");
            await message.WaitForAsync();
            var minute = TimeSpan.TicksPerMinute;
            var retryAt = TaiwanTime.Format(new DateTime((until.UtcTicks + minute - 1) / minute * minute, DateTimeKind.Utc));
            Assert.Equal(string.Format(CultureInfo.InvariantCulture, CopyDeck.Text("error." + AccountCodes.SigningLimited, language), retryAt), await message.TextContentAsync());
            Assert.True(await page.Locator("#sign-button").IsEnabledAsync());
        }
        finally
        {
            // The window passes, so the other tests on this desk and card start without the limit.
            desk.Scenario.World.Time.Advance(TimeSpan.FromMinutes(16));
        }
    }

    /// <summary>Both languages run on one desk and one card: each run starts from a person without an open account.</summary>
    private async Task CloseOpenAccountsAsync()
    {
        await using var db = desk.Scenario.Database.Context();
        var now = desk.Scenario.World.Time.GetUtcNow().UtcDateTime;
        await db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>()
            .Where(a => a.PersonIdNumber == SignInScenario.IdNumber && a.Status != MobileAccountStatus.Closed)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, MobileAccountStatus.Closed).SetProperty(a => a.ClosedAt, (DateTime?)now));
    }

    private static async Task<string?> TextAsync(IPage page, string selector) => (await page.Locator(selector).First.TextContentAsync())?.Trim();

    [GeneratedRegex(@"啟用碼是：(\d{8})")]
    private static partial Regex ChineseCode();

    [GeneratedRegex(@"activation code is: (\d{8})")]
    private static partial Regex EnglishCode();
}
