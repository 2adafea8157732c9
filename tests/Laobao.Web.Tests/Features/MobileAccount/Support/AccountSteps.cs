using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;

namespace Laobao.Web.Tests.Features.MobileAccount.Support;

/// <summary>The steps of the account pages as a person takes them, one call each.</summary>
public static partial class AccountSteps
{
    public const string GoodPassword = "颱風天在家煮一鍋番茄牛肉麵";

    public sealed record Submission(HttpResponseMessage Challenge, HttpResponseMessage? Application, string? Signature);

    public static async Task AcceptTermsAsync(DeskBrowser browser)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var token = await browser.TokenFromAsync("/desk/accounts/terms");
        var response = await browser.PostFormAsync("/desk/accounts/terms", new Dictionary<string, string>(), token);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task<string> ApplyTokenAsync(DeskBrowser browser)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var page = await browser.Client.GetAsync("/desk/accounts/apply");
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"the form did not open: {page.StatusCode} {page.Headers.Location}");
        return await browser.TokenFromAsync("/desk/accounts/apply");
    }

    public static object Form(string email, string password = GoodPassword, string? mobile = null, string? confirm = null) =>
        new { email, password, confirmPassword = confirm ?? password, mobile = mobile ?? "" };

    /// <summary>Challenge, card signature over the returned text, submission: what the page script does.</summary>
    public static async Task<Submission> ApplyAsync(DeskBrowser browser, CardHolder holder, string email, string password = GoodPassword, string? mobile = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var token = await ApplyTokenAsync(browser);
        var challenge = await browser.PostJsonAsync("/desk/api/accounts/application/challenge", Form(email, password, mobile), token);
        if (challenge.StatusCode != HttpStatusCode.OK)
        {
            return new Submission(challenge, null, null);
        }

        var tbs = (await challenge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tbs").GetString()!;
        var signature = DeskBrowser.Sign(holder, tbs);
        var application = await browser.PostJsonAsync("/desk/api/accounts/application",
            new { email, password, confirmPassword = password, mobile = mobile ?? "", signature }, token);
        return new Submission(challenge, application, signature);
    }

    public static async Task<HttpResponseMessage> SignChangeAsync(DeskBrowser browser, CardHolder holder, string page, object request, Func<string, object> withSignature)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(withSignature);
        var token = await browser.TokenFromAsync(page);
        var challenge = await browser.PostJsonAsync("/desk/api/accounts/change/challenge", request, token);
        Assert.True(challenge.StatusCode == HttpStatusCode.OK, await challenge.Content.ReadAsStringAsync());
        var tbs = (await challenge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tbs").GetString()!;
        return await browser.PostJsonAsync("/desk/api/accounts/change", withSignature(DeskBrowser.Sign(holder, tbs)), token);
    }

    /// <summary>Posts the code on 帳號啟用 and returns the outcome key the page shows (or the redirect).</summary>
    public static async Task<string> EnterCodeAsync(DeskBrowser browser, string path, string handler, string code)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var token = await browser.TokenFromAsync(path);
        var response = await browser.PostFormAsync($"{path}?handler={handler}", new Dictionary<string, string> { ["code"] = code }, token);
        return await OutcomeAsync(response);
    }

    public static async Task<string> ResendAsync(DeskBrowser browser, string path = "/desk/accounts/activate")
    {
        ArgumentNullException.ThrowIfNull(browser);
        var token = await browser.TokenFromAsync(path);
        return await OutcomeAsync(await browser.PostFormAsync($"{path}?handler=Resend", new Dictionary<string, string>(), token));
    }

    public static string CodeIn(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = CodePattern().Match(message.TextBody ?? "");
        Assert.True(match.Success, $"no 8-digit code in the mail:\n{message.TextBody}");
        return match.Groups[1].Value;
    }

    private static async Task<string> OutcomeAsync(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return "redirect:" + response.Headers.Location?.OriginalString;
        }

        var html = await response.Content.ReadAsStringAsync();
        var match = OutcomePattern().Match(html);
        Assert.True(match.Success, $"no outcome on the page ({response.StatusCode}):\n{html}");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"(?:：|: )(\d{8})\b")]
    private static partial Regex CodePattern();

    [GeneratedRegex("data-outcome=\"([^\"]+)\"")]
    private static partial Regex OutcomePattern();
}
