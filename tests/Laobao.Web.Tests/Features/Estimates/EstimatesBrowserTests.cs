using Laobao.Web.Tests.Accessibility;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.Playwright;
using static Laobao.Web.Tests.Accessibility.AccessibilityCases;

namespace Laobao.Web.Tests.Features.Estimates;

/// <summary>
/// 試算 / Estimates in Chromium at phone width, in both languages, with "how this was worked out" opened: the e-desk
/// page and the app screen show the claim-age slider, the figures and the months averaged, and axe-core finds no
/// serious or critical violation.
/// </summary>
[Collection(AccessibilityCollection.Name)]
public sealed class EstimatesBrowserTests(AccessibilityWorld world)
{
    [Theory]
    [InlineData("zh-TW", "計算方式", "列入平均的月份")]
    [InlineData("en", "How this was worked out", "Months in the average")]
    public async Task The_desk_page_at_phone_width_with_the_explanation_open(string lang, string summary, string caption)
    {
        await using var context = await world.DeskAsync(AccessibilityWorld.Active);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);

        var response = await page.GotoAsync($"{world.Origin}/desk/inquiry/estimates?lang={lang}");

        Assert.Equal(200, response!.Status);
        Assert.Equal("range", await page.Locator("#claimAge").GetAttributeAsync("type"));
        await page.Locator("#how-worked-out > summary").ClickAsync();
        await ExpectAsync(page, "#averaged-months");
        Assert.True(await page.Locator("#averaged-months").IsVisibleAsync());
        Assert.Equal(summary, (await page.Locator("#how-worked-out > summary").InnerTextAsync()).Trim());
        Assert.StartsWith(caption, (await page.Locator("#averaged-months caption").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Contains("NT$", await page.Locator("#average-salary").InnerTextAsync(), StringComparison.Ordinal);
        await AssertAccessibleAsync(page, lang, "e-desk estimates page with the explanation open");
    }

    [Theory]
    [InlineData("zh-TW", "請領年齡：60 歲", "老年給付試算")]
    [InlineData("en", "Claim age: 60", "Old-age estimates")]
    public async Task The_app_screen_with_the_slider_moved_and_the_explanation_open(string lang, string label, string menu)
    {
        var context = await world.LinkedAppAsync();
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync($"{world.Origin}/app/signin?lang={lang}");
            await ExpectAsync(page, "#email");
            await page.Locator("#email").FillAsync(Accounts.WangEmail);
            await page.Locator("#password").FillAsync(Accounts.WangPassword);
            await page.Locator("#login").ClickAsync();
            await ExpectAsync(page, "#menu-estimates");
            Assert.Equal(menu, (await page.Locator("#menu-estimates").InnerTextAsync()).Trim());
            await page.Locator("#menu-estimates").ClickAsync();
            await ExpectAsync(page, "#estimate-summary");

            await page.Locator("#claim-age").FillAsync("60");
            await ExpectAsync(page, $"label[for='claim-age']:has-text('{label}')");
            await page.Locator("#how-worked-out > summary").ClickAsync();
            await ExpectAsync(page, "#averaged-months");

            Assert.True(await page.Locator("#averaged-months").IsVisibleAsync());
            Assert.Contains("%", await page.Locator("#chosen-annuity").Locator("xpath=..").InnerTextAsync(), StringComparison.Ordinal);
            await AssertAccessibleAsync(page, lang, "app estimates screen with the explanation open");
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
