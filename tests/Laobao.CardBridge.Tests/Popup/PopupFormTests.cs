using System.Net;
using Laobao.CardBridge.Tests.Protocol;

namespace Laobao.CardBridge.Tests.Popup;

public sealed class PopupFormTests(DemoCards cards) : IClassFixture<DemoCards>
{
    [Fact]
    public async Task The_popup_page_loads_its_script_from_the_bridge_and_allows_no_inline_script()
    {
        await using var bridge = await cards.StartBridgeAsync();

        using var page = await bridge.Client.GetAsync(new Uri("/popupForm", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<script src=\"/popupForm.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Single(html.Split("<script").Skip(1));

        using var script = await bridge.Client.GetAsync(new Uri("/popupForm.js", UriKind.Relative));
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        var js = await script.Content.ReadAsStringAsync();
        foreach (var expected in new[] { "{ func: 'getTbs' }", "'/sign'", "'/pkcs11info?withcert=true'", "'/pkcs11info'", "X-HiPKI-Caller-Origin", "postMessage(text, origin)", "window.close()" })
        {
            Assert.Contains(expected, js, StringComparison.Ordinal);
        }
    }
}
