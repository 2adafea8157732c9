using System.Net;
using Laobao.App.Localization;
using Laobao.Tests.Browser;
using Laobao.Web.Localization;
using Laobao.Web.Mail;
using Laobao.Web.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace Laobao.Web.Tests.App;

/// <summary>
/// Issue 14, item 8: English copy uses English punctuation everywhere. Every English page of the journey is opened in
/// Chromium and its text scanned for CJK punctuation (names and Chinese-only labels, marked lang="zh…", left out);
/// every mail is rendered English-first and its English part scanned; and every English text of the copy decks too.
/// </summary>
[Collection(CardDeskCollection.Name)]
public sealed class EnglishPunctuationTests(CardDesk desk)
{
    [Fact]
    public async Task Every_english_page_of_the_journey_uses_english_punctuation()
    {
        var origin = desk.AppDesk.Origin;
        var problems = new List<string>();
        async Task ScanAsync(Microsoft.Playwright.IPage page, string path, string? readySelector = null)
        {
            await page.GotoAsync(origin + path);
            if (readySelector is not null)
            {
                await page.Locator(readySelector).First.WaitForAsync();
            }

            Assert.Equal("en", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
            problems.AddRange(Newcomer.CjkPunctuationIn(await Newcomer.EnglishTextAsync(page)).Select(p => $"{path}: {p}"));
        }

        // A visitor, and the app before linking; the browser asks for English and nothing else says otherwise.
        await using (var visitor = await Newcomer.EnglishContextAsync(desk.Browser))
        {
            var page = await visitor.NewPageAsync();
            await ScanAsync(page, "/desk");
            await ScanAsync(page, "/desk/login", "#login-button");
            await ScanAsync(page, "/app/", "#menu-verify-device");
            await ScanAsync(page, "/app/link", "#submit-code");
            await ScanAsync(page, "/app/signin", "#lang-switch");
            await ScanAsync(page, "/app/settings", "#lang-switch");
        }

        // 阮氏蘭, with an active account: every page of the signed-in e-desk.
        var lan = await Newcomer.EnglishDeskAsync(desk, AppDesk.Lan);
        await using (lan.Context)
        {
            foreach (var path in new[] { "/desk", "/desk/accounts", "/desk/accounts/terms", "/desk/accounts/password", "/desk/accounts/email", "/desk/accounts/close", "/desk/inquiry", "/desk/inquiry/coverage", "/desk/inquiry/pension" })
            {
                await ScanAsync(lan, path, "main h1");
            }

            await ScanAsync(lan, "/desk/devices", "#link-manual");
            await Expect(lan.Locator("#link-manual")).Not.ToBeEmptyAsync();
            problems.AddRange(Newcomer.CjkPunctuationIn(await Newcomer.EnglishTextAsync(lan)).Select(p => $"/desk/devices (code drawn): {p}"));
        }

        // A person with no account yet: the account pages before one exists, up to the application form.
        var tran = await Newcomer.EnglishDeskAsync(desk, AppDesk.Tran);
        await using (tran.Context)
        {
            await ScanAsync(tran, "/desk/accounts", "#create-account");
            await ScanAsync(tran, "/desk/accounts/terms", "#agree-terms");
            await tran.Locator("#agree-terms").ClickAsync();
            await tran.WaitForPageAsync(new System.Text.RegularExpressions.Regex("/desk/accounts/apply$"));
            problems.AddRange(Newcomer.CjkPunctuationIn(await Newcomer.EnglishTextAsync(tran)).Select(p => $"/desk/accounts/apply: {p}"));
        }

        Assert.True(problems.Count == 0, "Chinese punctuation in English pages:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task An_unknown_desk_address_gets_a_bilingual_not_found_page_and_every_page_has_an_icon()
    {
        // Item 18.
        await using var context = await Newcomer.EnglishContextAsync(desk.Browser);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(desk.AppDesk.Origin + "/desk/no-such-page");
        Assert.Equal((int)HttpStatusCode.NotFound, response!.Status);
        await Expect(page.Locator("#not-found-title")).ToHaveTextAsync("Page not found");
        await Expect(page.Locator("#not-found-other")).ToHaveTextAsync("找不到這個頁面");
        await Expect(page.Locator(".site-header")).ToBeVisibleAsync();
        await Newcomer.AssertEnglishPunctuationAsync(page, "not found");
        await Accessibility.AxeCheck.AssertNoSeriousViolationsAsync(page, "not found (en)");

        var icon = await page.EvaluateAsync<string>("() => document.querySelector('link[rel=icon]').href");
        var iconResponse = await page.APIRequest.GetAsync(icon);
        Assert.Equal(200, iconResponse.Status);
        Assert.StartsWith("image/svg+xml", iconResponse.Headers["content-type"], StringComparison.Ordinal);
        var legacy = await page.APIRequest.GetAsync(desk.AppDesk.Origin + "/favicon.ico");
        Assert.Equal(200, legacy.Status);

        // The APIs keep their own answers.
        var api = await page.APIRequest.GetAsync(desk.AppDesk.Origin + "/desk/api/no-such-thing");
        Assert.Equal(404, api.Status);
        Assert.DoesNotContain("not-found-title", await api.TextAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_mail_reads_english_punctuation_in_its_english_part(MailTemplate template)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["code"] = "12345678", ["minutes"] = "10", ["email"] = "lan@example.tw", ["device"] = "Lan's phone", ["when"] = "115/03/01 16:00 (2026-03-01 16:00)",
            // Record health (SPEC §12): a case's number and status, an alert's day and changes.
            ["number"] = "LB-7K2M-Q9XD", ["status"] = "in-review", ["day"] = "115/03/01 (2026-03-01)", ["changes"] = "withdrawn,salary-changed",
        };
        var mail = MailTemplates.Render(template, UiLanguage.En, values);
        var english = mail.Body.Split("----------------------------------------")[0];
        var subject = mail.Subject.Split(" / ")[0];
        var found = Newcomer.CjkPunctuationIn(subject + "\n" + english);
        Assert.True(found.Count == 0, $"{template}: " + string.Join("; ", found));
        Assert.StartsWith("Laobao e-desk: ", mail.Subject, StringComparison.Ordinal);
    }

    public static TheoryData<MailTemplate> Templates() => [.. Enum.GetValues<MailTemplate>()];

    [Fact]
    public void Every_english_text_of_the_copy_decks_uses_english_punctuation()
    {
        var texts = CopyDeck.Entries.Select(e => ("e-desk " + e.Key, e.Value.En))
            .Concat(AppCopy.Entries.Select(e => ("app " + e.Key, e.Value.En)))
            .Concat(Laobao.Web.Features.MobileAccount.AccountTerms.Paragraphs.Select((p, i) => ($"terms paragraph {i + 1}", p.En)))
            .Concat(Laobao.Client.ActivityLabels.Actions.Select(a => ("activity " + a.Key, a.Value.En)))
            .Concat(Laobao.Client.ActivityLabels.Outcomes.Select(a => ("outcome " + a.Key, a.Value.En)))
            .Concat(Laobao.Web.Features.Statements.StatementCopy.Entries.Select(e => ("statements " + e.Key, e.Value.En)))
            .Concat(Laobao.Web.Features.Estimates.EstimateCopy.Entries.Select(e => ("e-desk estimates " + e.Key, e.Value.En)))
            .Concat(Laobao.App.Features.Estimates.EstimatesCopy.Entries.Select(e => ("app estimates " + e.Key, e.Value.En)));
        var problems = texts
            .Where(t => t.Item1 != "e-desk languageSwitch" && t.Item1 != "app languageSwitch")
            .SelectMany(t => Newcomer.CjkPunctuationIn(t.Item2).Select(p => $"{t.Item1}: {p}"))
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
