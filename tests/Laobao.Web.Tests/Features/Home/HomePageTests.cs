using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Laobao.Web.Tests.Features.Home;

public sealed class HomePageTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
{
    private readonly HttpClient client = factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri("https://localhost"),
    });

    [Fact]
    public async Task Root_leads_to_the_e_desk()
    {
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/desk", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Home_page_is_in_traditional_chinese_by_default()
    {
        var html = await client.GetStringAsync("/desk");
        Assert.Contains("lang=\"zh-Hant-TW\"", html, StringComparison.Ordinal);
        Assert.Contains(">登入<", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/desk?lang=en\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lang_query_switches_to_english_and_is_remembered_in_a_host_cookie()
    {
        var response = await client.GetAsync("/desk?lang=en");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"en\"", html, StringComparison.Ordinal);
        Assert.Contains(">Log in<", html, StringComparison.Ordinal);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("__Host-lang=en", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/desk");
        request.Headers.Add("Cookie", "__Host-lang=en");
        var remembered = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains(">Log in<", remembered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_without_inline_script()
    {
        var response = await client.GetAsync("/desk");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoint_answers()
    {
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
