using System.Text.RegularExpressions;
using Laobao.Tests.Browser;
using Laobao.Web.Tests.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Laobao.Web.Tests.App;

/// <summary>
/// Issue 14's newcomer in Chromium: a browser that asks for English, an e-desk and a phone that follow it, and the
/// checks every English page of the journey must pass (no CJK punctuation outside names and Chinese-only labels).
/// </summary>
internal static partial class Newcomer
{
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    /// <summary>A browser whose languages are English only (navigator.languages and Accept-Language).</summary>
    public static Task<IBrowserContext> EnglishContextAsync(IBrowser browser, ViewportSize? viewport = null) =>
        Chromium.NewContextAsync(browser, new BrowserNewContextOptions { Locale = "en-US", ViewportSize = viewport ?? Desktop });

    /// <summary>
    /// A phone of its own (a fresh profile, so a fresh device key) whose browser asks for English, open at /app/link
    /// without any <c>?lang=</c>: the app must speak English because the browser does.
    /// </summary>
    public static async Task<(IBrowser Browser, IPage Page)> EnglishPhoneAsync(CardDesk desk)
    {
        var browser = await Chromium.LaunchAsync(desk.Playwright);
        var context = await Chromium.NewContextAsync(browser, new BrowserNewContextOptions
        {
            Locale = "en-US",
            ViewportSize = Phone,
            DeviceScaleFactor = 2,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{desk.AppDesk.Origin}/app/link");
        await Chromium.WaitForAppAsync(page);
        await Expect(page.Locator("#lang-switch")).ToHaveTextAsync("中文");
        return (browser, page);
    }

    /// <summary>The e-desk of <paramref name="idNumber"/> in an English browser, through the host's test sign-in door.</summary>
    public static async Task<IPage> EnglishDeskAsync(CardDesk desk, string idNumber, ViewportSize? viewport = null)
    {
        var context = await EnglishContextAsync(desk.Browser, viewport);
        var page = await context.NewPageAsync();
        var door = await page.GotoAsync($"{desk.AppDesk.Origin}/test/desk-sign-in?id={idNumber}");
        Assert.True(door is { Ok: true }, "the test sign-in door did not open");
        await page.GotoAsync($"{desk.AppDesk.Origin}/desk");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        return page;
    }

    /// <summary>
    /// The e-desk's manual code once it differs from <paramref name="notThis"/> (a code a phone already spent), typed on
    /// <paramref name="phone"/> as <paramref name="deviceName"/>; answers the number the phone shows.
    /// </summary>
    public static async Task<string> PresentAsync(IPage desk, IPage phone, string deviceName, string? notThis = null)
    {
        var manual = desk.Locator("#link-manual");
        if (notThis is not null)
        {
            await Expect(manual).Not.ToHaveTextAsync(notThis);
        }

        await Expect(manual).ToHaveTextAsync(new Regex("^[B-Z]{4}-[B-Z]{4}$"));
        var code = await manual.InnerTextAsync();
        // The app fills in a default device name once it has read the browser; type ours only after that.
        await Expect(phone.Locator("#device-name")).Not.ToHaveValueAsync("");
        await phone.Locator("#manual-code").FillAsync(code);
        await phone.Locator("#device-name").FillAsync(deviceName);
        await phone.Locator("#submit-code").ClickAsync();
        await Expect(phone.Locator("#match-number")).ToHaveTextAsync(new Regex("^[0-9]{2}$"));
        await Expect(desk.Locator("#link-device")).ToHaveTextAsync(deviceName + " (Linux)");
        return code;
    }

    /// <summary>The three numbers the e-desk offers for the phone waiting now.</summary>
    public static async Task<IReadOnlyList<string>> OfferedAsync(IPage desk)
    {
        var buttons = desk.Locator("#link-choices button");
        await Expect(buttons).ToHaveCountAsync(3);
        return [.. await buttons.AllInnerTextsAsync()];
    }

    public static Task PickAsync(IPage desk, string number) =>
        desk.Locator("#link-choices").GetByRole(AriaRole.Button, new() { Name = number, Exact = true }).ClickAsync();

    /// <summary>A screenshot for the user guide, in docs/images (committed with the guide that shows it).</summary>
    public static async Task DocsImageAsync(IPage page, string name, bool fullPage = true)
    {
        var dir = Path.Combine(RepositoryPaths.Root(), "docs", "images");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = fullPage });
    }

    /// <summary>
    /// Punctuation of Chinese typesetting that has no place in English copy: full-width comma, full stop, colon,
    /// semicolon, enumeration comma, question and exclamation marks, curly double quotes (drawn full-width by CJK
    /// fonts) and every full-width bracket.
    /// </summary>
    public const string CjkPunctuation = "，。：；、？！“”「」『』（）［］｛｝【】〔〕《》〈〉";

    /// <summary>
    /// The text a person reads on the page (and the alt, aria-label and title texts), leaving out what is Chinese on
    /// purpose: elements marked lang="zh…" (a step's Chinese name, the language switch) and the person's name.
    /// </summary>
    public static Task<string> EnglishTextAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const parts = [];
          const skip = el => el.closest('[lang^="zh"]:not(html)') || el.closest('#person-name') || el.closest('#lang-switch');
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            if (!el || skip(el) || el.closest('script,style,noscript')) continue;
            parts.push(node.textContent);
          }
          for (const el of document.querySelectorAll('[alt],[aria-label],[title],[placeholder]')) {
            if (skip(el)) continue;
            for (const name of ['alt', 'aria-label', 'title', 'placeholder']) {
              const value = el.getAttribute(name);
              if (value) parts.push(value);
            }
          }
          parts.push(document.title);
          return parts.join('\n');
        }
        """);

    /// <summary>Every CJK punctuation mark in <paramref name="text"/>, each with the words around it.</summary>
    public static IReadOnlyList<string> CjkPunctuationIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            if (CjkPunctuation.Contains(text[i], StringComparison.Ordinal))
            {
                var from = Math.Max(0, i - 30);
                found.Add($"'{text[i]}' in \"…{text[from..Math.Min(text.Length, i + 30)].ReplaceLineEndings(" ")}…\"");
            }
        }

        return found;
    }

    /// <summary>Fails naming every CJK punctuation mark on the English page now shown.</summary>
    public static async Task AssertEnglishPunctuationAsync(IPage page, string screen)
    {
        Assert.Equal("en", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        var found = CjkPunctuationIn(await EnglishTextAsync(page));
        Assert.True(found.Count == 0, $"{screen} ({page.Url}) has Chinese punctuation in English text:\n" + string.Join("\n", found));
    }
}
