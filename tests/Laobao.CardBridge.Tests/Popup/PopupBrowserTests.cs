using System.Security.Cryptography.Pkcs;
using System.Text;
using System.Text.Json;
using Laobao.CardBridge.Protocol;
using Laobao.CardBridge.Tests.Protocol;
using Laobao.Tests.Browser;
using Microsoft.Playwright;

namespace Laobao.CardBridge.Tests.Popup;

/// <summary>
/// The popupForm flow in a real browser: a page on another origin opens the bridge's popup, answers
/// its getTbs, and receives the bridge's raw answer by postMessage.
/// </summary>
public sealed class PopupBrowserTests(DemoCards cards) : IClassFixture<DemoCards>
{
    private const string PageOrigin = "http://desk.popup.test";

    // The e-desk side of the protocol, as a government page does it (external script, origin check).
    private const string PageScript = """
        window.callBridge = function (bridge, request) {
          return new Promise(function (resolve) {
            var popup = window.open(bridge + '/popupForm', 'hipki', 'width=300,height=200');
            window.addEventListener('message', function onMessage(event) {
              if (event.origin !== bridge || typeof event.data !== 'string') { return; }
              if (JSON.parse(event.data).func === 'getTbs') { popup.postMessage(JSON.stringify(request), bridge); return; }
              window.removeEventListener('message', onMessage);
              resolve(event.data);
            });
          });
        };
        document.getElementById('go').addEventListener('click', function () {
          window.result = window.callBridge(window.bridgeOrigin, window.bridgeRequest);
        });
        """;

    [Fact]
    public async Task MakeSignature_through_the_popup_returns_a_verifiable_CMS()
    {
        var answer = await CallThroughPopupAsync(new { func = "MakeSignature", signatureType = "PKCS7", tbs = "laobao:card-login:v1\nid=A800000014", tbsEncoding = "NONE", hashAlgorithm = "SHA256", pin = DemoCards.Pin }, PageOrigin);

        Assert.Equal(0, answer.GetProperty("ret_code").GetInt32());
        var cms = new SignedCms();
        cms.Decode(Convert.FromBase64String(answer.GetProperty("signature").GetString()!));
        cms.CheckSignature(verifySignatureOnly: true);
        Assert.Equal(Encoding.UTF8.GetBytes("laobao:card-login:v1\nid=A800000014"), cms.ContentInfo.Content);
    }

    [Fact]
    public async Task GetUserCert_and_CheckEnvir_go_to_pkcs11info()
    {
        var withCerts = await CallThroughPopupAsync(new { func = "GetUserCert" }, PageOrigin);
        Assert.Equal(0, withCerts.GetProperty("ret_code").GetInt32());
        Assert.Contains(withCerts.GetProperty("slots")[0].GetProperty("token").GetProperty("certs").EnumerateArray(), c => c.GetProperty("usage").GetString() == "digitalSignature");

        var probe = await CallThroughPopupAsync(new { func = "CheckEnvir" }, PageOrigin);
        Assert.Equal(0, probe.GetProperty("ret_code").GetInt32());
        Assert.False(probe.GetProperty("slots")[0].GetProperty("token").TryGetProperty("certs", out _));
    }

    [Fact]
    public async Task A_page_off_the_allow_list_is_refused_through_the_popup_too()
    {
        var answer = await CallThroughPopupAsync(new { func = "MakeSignature", tbs = "x", pin = DemoCards.Pin }, "http://evil.popup.test");

        Assert.Equal(HiPkiRetCodes.SiteNotAllowed, answer.GetProperty("ret_code").GetInt32());
    }

    [Fact]
    public async Task An_unknown_func_is_answered_by_the_popup()
    {
        var answer = await CallThroughPopupAsync(new { func = "FormatCard" }, PageOrigin);

        Assert.Equal(HiPkiRetCodes.UnsupportedMethod, answer.GetProperty("ret_code").GetInt32());
    }

    private async Task<JsonElement> CallThroughPopupAsync(object request, string pageOrigin)
    {
        await using var bridge = await BridgeHost.StartAsync(new Dictionary<string, string?>
        {
            ["CardBridge:Pkcs12Folder"] = cards.Folder,
            ["CardBridge:AllowedOrigins:2"] = PageOrigin,
        });
        var bridgeOrigin = bridge.Address.GetLeftPart(UriPartial.Authority);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await Chromium.NewContextAsync(browser);
        var page = await context.NewPageAsync();

        // The calling page lives on its own origin; Playwright serves it so no other server is needed.
        await page.RouteAsync(pageOrigin + "/**", route => route.Request.Url.EndsWith("/page.js", StringComparison.Ordinal)
            ? route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/javascript", Body = PageScript })
            : route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = "<!DOCTYPE html><button id=\"go\">sign</button><script src=\"/page.js\"></script>" }));
        await page.GotoAsync(pageOrigin + "/desk/login");
        await page.EvaluateAsync("([origin, request]) => { window.bridgeOrigin = origin; window.bridgeRequest = request; }", new object[] { bridgeOrigin, request });
        var popupClosed = new TaskCompletionSource();
        page.Popup += (_, popup) => popup.Close += (_, _) => popupClosed.TrySetResult();

        await page.ClickAsync("#go");
        var text = await page.EvaluateAsync<string>("() => window.result");
        await popupClosed.Task.WaitAsync(Chromium.StepTimeout);

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
