using System.Net.Http.Headers;
using System.Text.Json;
using Laobao.CardBridge.Protocol;

namespace Laobao.CardBridge.Tests.Protocol;

public sealed class AllowListTests(DemoCards cards) : IClassFixture<DemoCards>
{
    private static readonly string Package = JsonSerializer.Serialize(new { func = "MakeSignature", signatureType = "PKCS7", tbs = "hello", pin = DemoCards.Pin });

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://desk.laobao.test")]
    [InlineData("https://desk.laobao.test:8443")]
    [InlineData("https://laobao.test")]
    [InlineData("null")]
    public async Task A_site_off_the_list_is_refused_on_every_call(string origin)
    {
        await using var bridge = await cards.StartBridgeAsync();

        var info = await bridge.GetJsonAsync("/pkcs11info", WithOrigin(HttpMethod.Get, "/pkcs11info?withcert=true", origin));
        Assert.Equal(HiPkiRetCodes.SiteNotAllowed, info.GetProperty("ret_code").GetInt32());
        Assert.Empty(info.GetProperty("slots").EnumerateArray());

        var signed = await bridge.PostSignAsync(Package, WithOrigin(HttpMethod.Post, "/sign", origin));
        Assert.Equal(HiPkiRetCodes.SiteNotAllowed, signed.GetProperty("ret_code").GetInt32());
        Assert.Equal(string.Empty, signed.GetProperty("signature").GetString());
    }

    [Fact]
    public async Task A_request_that_names_no_site_is_refused()
    {
        await using var bridge = await cards.StartBridgeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/pkcs11info");
        using var anonymous = new HttpClient { BaseAddress = bridge.Address };

        using var response = await anonymous.SendAsync(request);
        var info = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HiPkiRetCodes.SiteNotAllowed, info.GetProperty("ret_code").GetInt32());
    }

    [Fact]
    public async Task Allowed_sites_are_recognised_by_Origin_Referer_or_sub_domain_pattern()
    {
        await using var bridge = await cards.StartBridgeAsync();

        Assert.Equal(0, (await bridge.GetJsonAsync("/pkcs11info")).GetProperty("ret_code").GetInt32());

        using var byReferer = new HttpRequestMessage(HttpMethod.Get, "/pkcs11info");
        byReferer.Headers.Referrer = new Uri("https://desk.laobao.test/desk/login?lang=en");
        using var anonymous = new HttpClient { BaseAddress = bridge.Address };
        using var response = await anonymous.SendAsync(byReferer);
        Assert.Equal(0, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("ret_code").GetInt32());

        var sub = await bridge.PostSignAsync(Package, WithOrigin(HttpMethod.Post, "/sign", "https://eservice.gov.test"));
        Assert.Equal(0, sub.GetProperty("ret_code").GetInt32());
        var bare = await bridge.PostSignAsync(Package, WithOrigin(HttpMethod.Post, "/sign", "https://gov.test"));
        Assert.Equal(HiPkiRetCodes.SiteNotAllowed, bare.GetProperty("ret_code").GetInt32());
    }

    [Fact]
    public async Task The_popup_forwards_its_opener_and_only_same_origin_calls_may_do_so()
    {
        await using var bridge = await cards.StartBridgeAsync();
        var own = bridge.Address.GetLeftPart(UriPartial.Authority);

        using var fromPopup = WithOrigin(HttpMethod.Post, "/sign", own);
        fromPopup.Headers.Add(SiteAllowList.CallerOriginHeader, BridgeHost.AllowedOrigin);
        Assert.Equal(0, (await bridge.PostSignAsync(Package, fromPopup)).GetProperty("ret_code").GetInt32());

        using var popupForEvil = WithOrigin(HttpMethod.Post, "/sign", own);
        popupForEvil.Headers.Add(SiteAllowList.CallerOriginHeader, "https://evil.example");
        Assert.Equal(HiPkiRetCodes.SiteNotAllowed, (await bridge.PostSignAsync(Package, popupForEvil)).GetProperty("ret_code").GetInt32());

        using var popupSaysNothing = WithOrigin(HttpMethod.Post, "/sign", own);
        Assert.Equal(HiPkiRetCodes.SiteNotAllowed, (await bridge.PostSignAsync(Package, popupSaysNothing)).GetProperty("ret_code").GetInt32());

        using var forged = WithOrigin(HttpMethod.Post, "/sign", "https://evil.example");
        forged.Headers.Add(SiteAllowList.CallerOriginHeader, BridgeHost.AllowedOrigin);
        Assert.Equal(HiPkiRetCodes.SiteNotAllowed, (await bridge.PostSignAsync(Package, forged)).GetProperty("ret_code").GetInt32());
    }

    [Theory]
    [InlineData("https://desk.laobao.test", true)]
    [InlineData("https://DESK.laobao.test/", true)]
    [InlineData("https://a.b.gov.test", true)]
    [InlineData("https://gov.test", false)]
    [InlineData("https://evilgov.test", false)]
    [InlineData("http://eservice.gov.test", false)]
    public void Patterns_match_scheme_host_and_port_exactly(string origin, bool allowed)
    {
        var list = new SiteAllowList(["https://desk.laobao.test", "https://*.gov.test"]);
        Assert.Equal(allowed, list.Allows(new Uri(origin)));
    }

    private static HttpRequestMessage WithOrigin(HttpMethod method, string path, string origin)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Remove("Origin");
        request.Headers.TryAddWithoutValidation("Origin", origin);
        return request;
    }
}
