using Laobao.CardBridge.Tests.Protocol;
using Laobao.Tests.Browser;
using Laobao.Web.Tests.Accessibility;
using Microsoft.Playwright;

namespace Laobao.CardBridge.Tests.Popup;

/// <summary>
/// The popup the card bridge shows while a card signs (<c>/popupForm</c>), in Chromium with axe-core: no serious or
/// critical WCAG 2.1 A/AA violation in either language, the document in the language asked for and the other
/// language marked as such.
/// </summary>
public sealed class PopupAccessibilityTests(DemoCards cards) : IClassFixture<DemoCards>
{
    [Theory]
    [InlineData("zh-TW", "zh-Hant-TW", "讀卡中，請稍候…")]
    [InlineData("en", "en", "Reading the card, please wait…")]
    public async Task The_popup_page_passes_axe_in_both_languages(string lang, string documentLang, string status)
    {
        await using var bridge = await cards.StartBridgeAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await Chromium.NewContextAsync(browser);
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(bridge.Address, "/popupForm?lang=" + lang).ToString());

        Assert.Equal(documentLang, await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        Assert.Equal(status, await page.Locator("[role=status]").TextContentAsync());
        var other = lang == "en" ? "zh-Hant-TW" : "en";
        Assert.Equal(1, await page.Locator($"main [lang='{other}']").CountAsync());
        await AxeCheck.AssertNoSeriousViolationsAsync(page, $"the card bridge's /popupForm in {lang}");
    }
}
