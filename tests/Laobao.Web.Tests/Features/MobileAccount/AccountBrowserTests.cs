using System.Text.RegularExpressions;
using Laobao.Web.Localization;
using Laobao.Web.Tests.Browser;
using Laobao.Web.Tests.Security;
using Microsoft.Playwright;

namespace Laobao.Web.Tests.Features.MobileAccount;

/// <summary>
/// The whole account flow in Chromium, signing through the real card bridge with a SoftHSM2 card: 行動服務帳號作業 →
/// 建立服務帳號 → 同意條款內容 → the form with its as-you-type messages → card signature → success → the code from
/// the demo mailbox → 帳號啟用.
/// </summary>
[Collection(CardDeskCollection.Name)]
public sealed partial class AccountBrowserTests(CardDesk desk)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PersonCreatesSignsAndActivatesTheirAccountInTheBrowser()
    {
        await using var context = await desk.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{desk.DeskOrigin}/desk/login?lang=zh-TW");
        await page.FillAsync("#idNumber", SignInScenario.IdNumber);
        await page.FillAsync("#birthDate", SignInScenario.BirthDate);
        await page.FillAsync("#pin", CardDesk.Pin);
        await page.ClickAsync("#login-button");
        await page.WaitForURLAsync(new Regex("/desk$"), new PageWaitForURLOptions { Timeout = (float)Wait.TotalMilliseconds });

        await page.ClickAsync("#menu-mobile-accounts");
        await page.WaitForURLAsync(new Regex("/desk/accounts$"));
        Assert.Equal("none", await page.Locator("#account-status").GetAttributeAsync("data-status"));
        Assert.Equal("建立服務帳號", await page.Locator("#create-account").TextContentAsync());

        await page.ClickAsync("#create-account");
        await page.WaitForURLAsync(new Regex("/desk/accounts/terms$"));
        Assert.Equal("同意條款內容", (await page.Locator("#agree-terms").TextContentAsync())?.Trim());
        await page.ClickAsync("#agree-terms");
        await page.WaitForURLAsync(new Regex("/desk/accounts/apply$"));
        Assert.Equal("060/01/02 (1971-01-02)", await page.Locator("#applicant-birth").TextContentAsync());
        Assert.Equal("A12****789", await page.Locator("#applicant-id").TextContentAsync());

        await page.FillAsync("#email", "browser@example");
        Assert.Equal(CopyDeck.Text("email.format", UiLanguage.ZhTw), await page.Locator("#email-status").TextContentAsync());
        await page.FillAsync("#email", "browser@example.tw");
        Assert.Equal(CopyDeck.Text("email.ok", UiLanguage.ZhTw), await page.Locator("#email-status").TextContentAsync());
        await page.FillAsync("#password", "short");
        Assert.Equal(CopyDeck.Text("password.too-short", UiLanguage.ZhTw), await page.Locator("#password-status").TextContentAsync());
        await page.FillAsync("#password", "password1234");
        await page.Locator("#password-status[data-rule='password.common']").WaitForAsync(new LocatorWaitForOptions { Timeout = (float)Wait.TotalMilliseconds });
        Assert.Equal(CopyDeck.Text("password.common", UiLanguage.ZhTw), await page.Locator("#password-status").TextContentAsync());
        await page.FillAsync("#password", "颱風天在家煮一鍋番茄牛肉麵");
        await page.Locator("#password-status[data-rule='password.ok']").WaitForAsync(new LocatorWaitForOptions { Timeout = (float)Wait.TotalMilliseconds });
        await page.FillAsync("#confirmPassword", "颱風天在家煮一鍋番茄牛肉");
        Assert.Equal(CopyDeck.Text("password.mismatch", UiLanguage.ZhTw), await page.Locator("#confirmPassword-status").TextContentAsync());
        await page.FillAsync("#confirmPassword", "颱風天在家煮一鍋番茄牛肉麵");
        await page.FillAsync("#mobile", "0912-345-678");
        Assert.Equal(CopyDeck.Text("mobile.ok", UiLanguage.ZhTw), await page.Locator("#mobile-status").TextContentAsync());
        await page.FillAsync("#pin", CardDesk.Pin);

        await page.ClickAsync("#sign-button");
        await page.WaitForURLAsync(new Regex("/desk/accounts/applied$"), new PageWaitForURLOptions { Timeout = (float)Wait.TotalMilliseconds });
        Assert.Contains("browser@example.tw", await page.Locator("#applied-body").TextContentAsync(), StringComparison.Ordinal);

        var code = "";
        for (var tries = 0; tries < 100 && code.Length == 0; tries++)
        {
            await page.GotoAsync($"{desk.DeskOrigin}/desk/mailbox");
            var match = CodePattern().Match(await page.ContentAsync());
            code = match.Success ? match.Groups[1].Value : "";
            if (code.Length == 0)
            {
                await Task.Delay(200);
            }
        }

        Assert.Matches(@"^\d{8}$", code);
        await page.GotoAsync($"{desk.DeskOrigin}/desk/accounts/activate");
        await page.FillAsync("#code", code);
        await page.ClickAsync("#activate-button");
        await page.WaitForURLAsync(new Regex("/desk/accounts\\?done=activated$"));
        Assert.Equal("active", await page.Locator("#account-status").GetAttributeAsync("data-status"));
    }

    [GeneratedRegex(@"browser@example\.tw[\s\S]*?啟用碼是：(\d{8})")]
    private static partial Regex CodePattern();
}
