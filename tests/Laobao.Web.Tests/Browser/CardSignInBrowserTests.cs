using System.Text.RegularExpressions;
using Laobao.Web.Localization;
using Laobao.Web.Tests.Security;
using Microsoft.Playwright;
using Laobao.Tests.Browser;

namespace Laobao.Web.Tests.Browser;

/// <summary>
/// The login page in Chromium, signing through the real card bridge with a SoftHSM2 card: success in both
/// languages, and the sentences a person sees when something goes wrong.
/// </summary>
[Collection(CardDeskCollection.Name)]
public sealed class CardSignInBrowserTests(CardDesk desk)
{

    [Theory]
    [InlineData("zh-TW")]
    [InlineData("en")]
    public async Task PersonSignsInWithTheCardAndSeesTheirDesk(string lang)
    {
        var language = lang == "en" ? UiLanguage.En : UiLanguage.ZhTw;
        await using var context = await Chromium.NewContextAsync(desk.Browser);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{desk.DeskOrigin}/desk/login?lang={lang}");

        await FillAsync(page, SignInScenario.IdNumber, SignInScenario.BirthDate, CardDesk.Pin);
        Assert.Contains("1971-01-02", await page.Locator("#birthDate-status").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(CopyDeck.Text("idOk", language), await page.Locator("#idNumber-status").TextContentAsync());

        await page.ClickAsync("#login-button");
        await page.WaitForPageAsync(new Regex("/desk$"));

        Assert.Equal(SignInScenario.Name, await page.Locator("#person-name").TextContentAsync());
        Assert.Equal("A12****789", await page.Locator("#person-id").TextContentAsync());
        // In English a step carries its Chinese name beside it (issue 14, item 17).
        Assert.Equal(Step("mobileAccounts", language), await page.Locator("#menu-mobile-accounts").TextContentAsync());
        Assert.Equal(Step("personalInquiry", language), await page.Locator("#menu-personal-inquiry").TextContentAsync());
        var cookies = await context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "__Host-laobao-desk");
        Assert.True(session.HttpOnly && session.Secure);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);

        await page.ClickAsync("#logout-button");
        await page.WaitForPageAsync(new Regex("/desk/login$"));
    }

    private static string Step(string key, UiLanguage language) => language == UiLanguage.En
        ? $"{CopyDeck.Text(key, UiLanguage.En)} · {CopyDeck.Text(key, UiLanguage.ZhTw)}"
        : CopyDeck.Text(key, UiLanguage.ZhTw);

    [Fact]
    public async Task WrongPinIsExplainedWithTheTriesLeft()
    {
        var page = await OpenAsync(desk.DeskOrigin, "en");
        await FillAsync(page, SignInScenario.IdNumber, SignInScenario.BirthDate, "654321");
        await page.ClickAsync("#login-button");

        await ExpectMessageAsync(page, "bridge.wrongPin2", CopyDeck.Text("bridge.wrongPin2", UiLanguage.En));

        // The right PIN afterwards still works (and resets the bridge's count).
        await FillAsync(page, SignInScenario.IdNumber, SignInScenario.BirthDate, CardDesk.Pin);
        await page.ClickAsync("#login-button");
        await page.WaitForPageAsync(new Regex("/desk$"));
    }

    [Theory]
    [InlineData("zh-TW")]
    [InlineData("en")]
    public async Task APinOfLettersAndDigitsTypedFullWidthSignsIn(string lang)
    {
        var language = lang == "en" ? UiLanguage.En : UiLanguage.ZhTw;
        var page = await OpenAsync(desk.DeskOrigin, lang);
        Assert.Null(await page.Locator("#pin").GetAttributeAsync("inputmode"));

        // The hint follows the typing: a short PIN is told the rule, a wrong character at once, a right one clears it.
        await page.Locator("#pin").PressSequentiallyAsync("ab1");
        Assert.Equal(CopyDeck.Text("pinLength", language), await page.Locator("#pin-status").TextContentAsync());
        Assert.Equal(lang == "en" ? "Your card PIN is 6 to 8 letters and digits." : "PIN 碼為 6 到 8 碼英數字。", CopyDeck.Text("pinLength", language));
        await page.Locator("#pin").PressSequentiallyAsync("-");
        Assert.Equal("pinLength", await page.Locator("#pin-status").GetAttributeAsync("data-rule"));
        Assert.Equal("true", await page.Locator("#pin").GetAttributeAsync("aria-invalid"));

        // ａｂ１２ｃｄ３４ is the card's PIN ab12cd34 in full-width forms.
        await FillAsync(page, SignInScenario.IdNumber, SignInScenario.BirthDate, "ａｂ１２ｃｄ３４");
        Assert.Equal("ok", await page.Locator("#pin-status").GetAttributeAsync("data-rule"));
        Assert.Equal("false", await page.Locator("#pin").GetAttributeAsync("aria-invalid"));
        await page.ClickAsync("#login-button");
        await page.WaitForPageAsync(new Regex("/desk$"));
        Assert.Equal(SignInScenario.Name, await page.Locator("#person-name").TextContentAsync());
    }

    [Fact]
    public async Task DateOfBirthNotMatchingTheRegistryIsExplained()
    {
        var page = await OpenAsync(desk.DeskOrigin, "zh-TW");
        await FillAsync(page, SignInScenario.IdNumber, "0600103", CardDesk.Pin);
        await page.ClickAsync("#login-button");

        await ExpectMessageAsync(page, "identity.mismatch", CopyDeck.Text("error.identity.mismatch", UiLanguage.ZhTw));
    }

    [Fact]
    public async Task BridgeNotRunningIsExplained()
    {
        var page = await OpenAsync(desk.DeadBridgeDeskOrigin, "en");
        await FillAsync(page, SignInScenario.IdNumber, SignInScenario.BirthDate, CardDesk.Pin);
        await page.ClickAsync("#login-button");

        await ExpectMessageAsync(page, "bridge.notRunning", CopyDeck.Text("bridge.notRunning", UiLanguage.En));
    }

    [Fact]
    public async Task IdNumberIsCheckedAsTypedWithTheReason()
    {
        var page = await OpenAsync(desk.DeskOrigin, "zh-TW");
        await page.FillAsync("#idNumber", "A123456788");
        Assert.Equal(CopyDeck.Text("idChecksum", UiLanguage.ZhTw), await page.Locator("#idNumber-status").TextContentAsync());
        await page.FillAsync("#idNumber", "A12345");
        Assert.Equal(CopyDeck.Text("idLength", UiLanguage.ZhTw), await page.Locator("#idNumber-status").TextContentAsync());
        await page.FillAsync("#birthDate", "1120229");
        Assert.Equal(CopyDeck.Text("birthDay", UiLanguage.ZhTw), await page.Locator("#birthDate-status").TextContentAsync());

        // Nothing is sent while a field is wrong.
        await page.ClickAsync("#login-button");
        Assert.Equal("", await page.Locator("#login-message").TextContentAsync());
    }

    private async Task<IPage> OpenAsync(string origin, string lang)
    {
        var context = await Chromium.NewContextAsync(desk.Browser);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{origin}/desk/login?lang={lang}");
        return page;
    }

    private static async Task FillAsync(IPage page, string id, string birthDate, string pin)
    {
        await page.FillAsync("#idNumber", id);
        await page.FillAsync("#birthDate", birthDate);
        await page.FillAsync("#pin", pin);
    }

    private static async Task ExpectMessageAsync(IPage page, string code, string sentence)
    {
        var message = page.Locator($"#login-message[data-code='{code}']");
        await message.WaitForAsync();
        Assert.Equal(sentence, await message.TextContentAsync());
    }
}
