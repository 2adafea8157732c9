using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Laobao.Web.Tests.Accessibility;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.Playwright;
using static Laobao.Web.Tests.Accessibility.AccessibilityCases;

namespace Laobao.Web.Tests.Features.Statements;

/// <summary>
/// 投保證明 / Statements in the app (SPEC §10), in Chromium at phone width on a phone linked for real: issue a
/// statement, see it listed with its dates in both calendars, download the very PDF that was issued (its SHA-256 is
/// the one the public check gives, and pdfsig finds its signature valid), revoke it, and download "my data".
/// </summary>
[Collection(AccessibilityCollection.Name)]
public sealed partial class AppStatementsBrowserTests(AccessibilityWorld world)
{
    [Theory]
    [InlineData("zh-TW", "coverage", "勞工保險投保證明", "有效", "已註銷")]
    [InlineData("en", "pension", "Labour pension account", "Valid", "Revoked")]
    public async Task The_app_issues_downloads_and_revokes_a_statement(string lang, string kind, string kindName, string valid, string revoked)
    {
        var page = await OpenStatementsAsync(lang);
        var folder = Directory.CreateTempSubdirectory("laobao-app-statement-").FullName;
        try
        {
            await page.Locator($"#kind-{kind}").CheckAsync();
            await page.Locator("#issue-button").ClickAsync();
            await ExpectAsync(page, "#statement-message[role=status]");
            var grouped = GroupedCode().Match(await page.Locator("#statement-message").InnerTextAsync()).Value;
            Assert.False(string.IsNullOrEmpty(grouped), "the app names the new statement's verification code");

            var card = page.Locator($".statement:has(code:text-is('{grouped}'))");
            Assert.Equal(kindName, (await card.Locator(".statement-kind").InnerTextAsync()).Trim());
            Assert.Equal(valid, (await card.Locator(".status").InnerTextAsync()).Trim());
            Assert.Matches(BothCalendars(), (await card.Locator(".issued-on").InnerTextAsync()).Trim());
            Assert.Matches(BothCalendars(), (await card.Locator(".valid-until").InnerTextAsync()).Trim());

            var download = await page.RunAndWaitForDownloadAsync(() => card.Locator(".download").ClickAsync());
            Assert.Equal($"laobao-{kind}-{grouped}.pdf", download.SuggestedFilename);
            var file = Path.Combine(folder, download.SuggestedFilename);
            await download.SaveAsAsync(file);
            var check = await PublicCheckAsync(page, grouped);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file))), check.GetProperty("sha256").GetString());
            Assert.Equal("valid", check.GetProperty("status").GetString());
            var (exit, sig) = await Poppler.RunAsync("pdfsig", file);
            Assert.True(exit == 0 && sig.Contains("Signature is Valid", StringComparison.Ordinal), sig);

            await card.Locator(".revoke").ClickAsync();
            await ExpectAsync(page, $".statement:has(code:text-is('{grouped}')) .revoked-on");
            Assert.Equal(revoked, (await card.Locator(".status").InnerTextAsync()).Trim());
            Assert.Matches(BothCalendars(), (await card.Locator(".revoked-on").InnerTextAsync()).Trim());
            Assert.Equal(0, await card.Locator(".revoke").CountAsync());
            Assert.Equal("revoked", (await PublicCheckAsync(page, grouped)).GetProperty("status").GetString());

            await AssertAccessibleAsync(page, lang, "app statements screen after a revocation");
        }
        finally
        {
            await page.CloseAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_app_downloads_my_data_as_one_zip_of_csv_files_and_a_json_file()
    {
        var page = await OpenStatementsAsync("en");
        var folder = Directory.CreateTempSubdirectory("laobao-app-my-data-").FullName;
        try
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#my-data-download").ClickAsync());
            Assert.EndsWith(".zip", download.SuggestedFilename, StringComparison.Ordinal);
            var file = Path.Combine(folder, download.SuggestedFilename);
            await download.SaveAsAsync(file);
            using var zip = ZipFile.OpenRead(file);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            Assert.Contains(names, n => n.EndsWith(".csv", StringComparison.Ordinal));
            var json = Assert.Single(names, n => n.EndsWith(".json", StringComparison.Ordinal));
            await using var stream = zip.GetEntry(json)!.Open();
            using var document = await JsonDocument.ParseAsync(stream);
            Assert.Contains(People.Wang, document.RootElement.GetRawText(), StringComparison.Ordinal);
            await ExpectAsync(page, "#statement-message[role=status]");
        }
        finally
        {
            await page.CloseAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<IPage> OpenStatementsAsync(string lang)
    {
        var context = await world.LinkedAppAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{world.Origin}/app/signin?lang={lang}");
        await ExpectAsync(page, "#email");
        await page.Locator("#email").FillAsync(Accounts.WangEmail);
        await page.Locator("#password").FillAsync(Accounts.WangPassword);
        await page.Locator("#login").ClickAsync();
        await ExpectAsync(page, "#menu-statements");
        await page.Locator("#menu-statements").ClickAsync();
        await ExpectAsync(page, "#issue-form");
        return page;
    }

    /// <summary>The public check by code, as a verifier's browser would ask it (no sign-in).</summary>
    private async Task<JsonElement> PublicCheckAsync(IPage page, string grouped)
    {
        var response = await page.Context.APIRequest.GetAsync($"{world.Origin}/api/v1/statements/{grouped}");
        Assert.Equal(200, response.Status);
        using var document = JsonDocument.Parse(await response.TextAsync());
        return document.RootElement.Clone();
    }

    [GeneratedRegex("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex GroupedCode();

    [GeneratedRegex(@"^\d{3}/\d{2}/\d{2} \(\d{4}-\d{2}-\d{2}\)$")]
    private static partial Regex BothCalendars();
}
