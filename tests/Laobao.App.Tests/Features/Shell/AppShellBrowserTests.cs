using System.Text.Json;
using Laobao.App.Tests.Support;
using Laobao.Tests.Browser;
using Microsoft.Playwright;

namespace Laobao.App.Tests.Features.Shell;

/// <summary>What the app does on its own in a real Chromium against the real web host: install, key, language, CSP.</summary>
public sealed class AppShellBrowserTests : IAsyncLifetime
{
    private IPlaywright playwright = default!;
    private IBrowser browser = default!;
    private AppHost host = default!;

    public async Task InitializeAsync()
    {
        host = AppHost.Start();
        playwright = await Playwright.CreateAsync();
        browser = await Chromium.LaunchAsync(playwright);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task App_is_installable_with_a_manifest_icons_and_an_active_service_worker()
    {
        await using var context = await Chromium.PhoneAsync(browser);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(host.App.ToString());
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        await Chromium.WaitForAppAsync(page);

        var manifestHref = await page.Locator("link[rel=manifest]").GetAttributeAsync("href");
        var manifestUrl = new Uri(host.App, manifestHref);
        var manifestResponse = await page.APIRequest.GetAsync(manifestUrl.ToString());
        Assert.Equal(200, manifestResponse.Status);
        using var manifest = JsonDocument.Parse(await manifestResponse.TextAsync());
        var root = manifest.RootElement;
        Assert.Equal("/app/", root.GetProperty("start_url").GetString());
        Assert.Equal("/app/", root.GetProperty("scope").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        var sizes = root.GetProperty("icons").EnumerateArray().Select(i => i.GetProperty("sizes").GetString()).ToList();
        Assert.Contains("192x192", sizes);
        Assert.Contains("512x512", sizes);
        foreach (var icon in root.GetProperty("icons").EnumerateArray())
        {
            var iconResponse = await page.APIRequest.GetAsync(new Uri(manifestUrl, icon.GetProperty("src").GetString()).ToString());
            Assert.Equal(200, iconResponse.Status);
            var png = await iconResponse.BodyAsync();
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4).ToArray());
        }

        var state = await page.EvaluateAsync<string>(
            "async () => { const r = await navigator.serviceWorker.ready; const w = r.active; " +
            "if (w.state !== 'activated') await new Promise(ok => w.addEventListener('statechange', () => { if (w.state === 'activated') ok(); })); " +
            "return r.scope + ' ' + w.state; }");
        Assert.Equal(host.App + " activated", state);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("01-start-not-linked"), FullPage = true });
    }

    [Fact]
    public async Task App_pages_get_a_csp_that_allows_webassembly_but_no_inline_script_and_the_desk_keeps_its_own()
    {
        await using var context = await Chromium.PhoneAsync(browser);
        var app = await context.APIRequest.GetAsync(host.App.ToString());
        var appCsp = app.Headers["content-security-policy"];
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval';", appCsp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", appCsp, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", appCsp, StringComparison.Ordinal);

        var desk = await context.APIRequest.GetAsync(new Uri(host.Origin, "/desk").ToString());
        Assert.DoesNotContain("wasm-unsafe-eval", desk.Headers["content-security-policy"], StringComparison.Ordinal);

        // A deep link starts the app shell; a missing file stays a 404 rather than the shell.
        var deep = await context.APIRequest.GetAsync(new Uri(host.Origin, "/app/coverage").ToString());
        Assert.Equal(200, deep.Status);
        Assert.Contains("_framework/blazor.webassembly.js", await deep.TextAsync(), StringComparison.Ordinal);
        var missing = await context.APIRequest.GetAsync(new Uri(host.Origin, "/app/nothing-here.js").ToString());
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task Device_key_is_a_non_extractable_p256_key_kept_across_reloads()
    {
        await using var context = await Chromium.PhoneAsync(browser);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.App, "link").ToString());
        await page.Locator("#submit-code").WaitForAsync();

        // Read the stored CryptoKey straight from IndexedDB, as any script of the page could.
        const string inspect = """
            async () => {
              // Open exactly as the app does (version 1, same store), then wait for the app to have stored its key:
              // opening without the upgrade could create an empty database before the app and hide its store.
              let pair;
              for (let attempt = 0; attempt < 100 && !pair; attempt++) {
                const db = await new Promise((ok, fail) => { const r = indexedDB.open('laobao-device', 1); r.onupgradeneeded = () => r.result.createObjectStore('keys'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
                pair = await new Promise((ok, fail) => { const r = db.transaction('keys').objectStore('keys').get('device-key'); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
                db.close();
                if (!pair) await new Promise(ok => setTimeout(ok, 200));
              }
              let exported = 'refused';
              try { await crypto.subtle.exportKey('pkcs8', pair.privateKey); exported = 'exported'; } catch (e) { exported = e.name; }
              const spki = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
              return { extractable: pair.privateKey.extractable, curve: pair.privateKey.algorithm.namedCurve, usages: pair.privateKey.usages.join(','), exported, spki: Array.from(spki) };
            }
            """;
        var first = await page.EvaluateAsync<KeyFacts>(inspect);
        Assert.False(first.Extractable);
        Assert.Equal("P-256", first.Curve);
        Assert.Equal("sign", first.Usages);
        Assert.Equal("InvalidAccessError", first.Exported);
        using (var ecdsa = System.Security.Cryptography.ECDsa.Create())
        {
            ecdsa.ImportSubjectPublicKeyInfo(first.Spki.Select(b => (byte)b).ToArray(), out _);
            Assert.Equal(256, ecdsa.KeySize);
        }

        await page.GotoAsync(new Uri(host.App, "settings").ToString());
        var fingerprint = await page.Locator("#key-fingerprint").InnerTextAsync();
        await page.ReloadAsync();
        var again = await page.Locator("#key-fingerprint").InnerTextAsync();
        Assert.Equal(fingerprint, again);
        var second = await page.EvaluateAsync<KeyFacts>(inspect);
        Assert.Equal(first.Spki, second.Spki);
    }

    [Fact]
    public async Task Language_is_chinese_first_switches_to_english_and_is_remembered()
    {
        await using var context = await Chromium.PhoneAsync(browser);
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.App.ToString());
        await Chromium.WaitForAppAsync(page);
        Assert.Equal("認證裝置", await page.Locator("#menu-verify-device").InnerTextAsync());
        Assert.Equal("zh-Hant-TW", await page.EvaluateAsync<string>("() => document.documentElement.lang"));

        await page.Locator("#lang-switch").ClickAsync();
        await page.Locator("#menu-verify-device", new PageLocatorOptions { HasText = "Verify device" }).WaitForAsync();
        Assert.Equal("en", await page.EvaluateAsync<string>("() => document.documentElement.lang"));

        await page.ReloadAsync();
        await Chromium.WaitForAppAsync(page);
        // In English the step carries its Chinese name beside it (issue 14, item 17).
        Assert.Equal("Verify device · 認證裝置", await page.Locator("#menu-verify-device").InnerTextAsync());
        Assert.Equal("Laobao app", await page.TitleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("02-start-english"), FullPage = true });

        await page.GotoAsync(host.App + "?lang=zh-TW");
        await page.Locator("#menu-verify-device", new PageLocatorOptions { HasText = "認證裝置" }).WaitForAsync();
    }

    // Playwright fills results through a parameterless constructor and setters.
    private sealed class KeyFacts
    {
        public bool Extractable { get; set; }

        public string Curve { get; set; } = string.Empty;

        public string Usages { get; set; } = string.Empty;

        public string Exported { get; set; } = string.Empty;

        public int[] Spki { get; set; } = [];
    }
}
