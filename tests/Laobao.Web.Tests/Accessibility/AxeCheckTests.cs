using Xunit.Sdk;
using Laobao.Tests.Browser;

namespace Laobao.Web.Tests.Accessibility;

/// <summary>The check itself: it must fail, naming the rule and the element, on a page a screen reader cannot use.</summary>
[Collection(AccessibilityCollection.Name)]
public sealed class AxeCheckTests(AccessibilityWorld world)
{
    [Fact]
    public async Task A_nameless_button_and_an_image_without_alt_fail_with_the_rule_and_the_element()
    {
        await using var context = await Chromium.NewContextAsync(world.Browser);
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>Broken</title></head>
            <body><main><h1>Broken</h1><button id="nameless"></button><img id="no-alt" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></main></body></html>
            """);

        var failure = await Assert.ThrowsAsync<FailException>(() => AxeCheck.AssertNoSeriousViolationsAsync(page, "a broken page"));

        Assert.Contains("a broken page", failure.Message, StringComparison.Ordinal);
        Assert.Contains("button-name [critical]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#nameless", failure.Message, StringComparison.Ordinal);
        Assert.Contains("image-alt [critical]", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#no-alt", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_with_names_labels_and_a_language_passes()
    {
        await using var context = await Chromium.NewContextAsync(world.Browser);
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>Fine</title></head>
            <body><main><h1>Fine</h1><label for="q">Search</label><input id="q"><button>Go</button></main></body></html>
            """);

        await AxeCheck.AssertNoSeriousViolationsAsync(page, "a fine page");
    }
}
