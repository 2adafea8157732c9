using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Mail;
using Laobao.Web.Security.ActivationCodes;
using Laobao.Web.Tests.Features.MobileAccount.Support;
using Microsoft.EntityFrameworkCore;
using static Laobao.Web.Tests.Features.MobileAccount.Support.AccountSteps;

namespace Laobao.Web.Tests.Features.MobileAccount;

/// <summary>建立服務帳號 → 帳號啟用 end to end: real card signatures, a real SMTP server on 127.0.0.1, SQLite.</summary>
public sealed class AccountApplicationTests : IAsyncLifetime
{
    private AccountTestHost host = null!;
    private CardHolder holder = null!;
    private DeskBrowser browser = null!;

    public async Task InitializeAsync()
    {
        host = await AccountTestHost.StartAsync();
        holder = await host.AddPersonAsync("A123456789", "王小明", new DateOnly(1971, 1, 2));
        browser = host.NewBrowser();
        await browser.SignInAsync(holder);
    }

    public async Task DisposeAsync()
    {
        browser.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task The_code_arrives_by_smtp_and_activates_the_account()
    {
        var status = await browser.Client.GetStringAsync("/desk/accounts");
        Assert.Contains("data-status=\"none\"", status, StringComparison.Ordinal);
        Assert.Contains("行動服務帳號作業", status, StringComparison.Ordinal);
        Assert.Contains("建立服務帳號", status, StringComparison.Ordinal);

        await AcceptTermsAsync(browser);
        var form = await browser.Client.GetStringAsync("/desk/accounts/apply");
        Assert.Contains("060/01/02 (1971-01-02)", form, StringComparison.Ordinal);
        Assert.Contains("A12****789", form, StringComparison.Ordinal);
        Assert.DoesNotContain("A123456789", form, StringComparison.Ordinal);
        foreach (var label in new[] { "帳號 (電子郵件)", "密碼", "確認密碼", "手機號碼", "憑證密碼 (PIN)" })
        {
            Assert.Contains(label, form, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script>", form, StringComparison.Ordinal);

        var submission = await ApplyAsync(browser, holder, "Xiaoming.Wang@Example.tw", mobile: "+886912345678");
        Assert.Equal(HttpStatusCode.OK, submission.Application!.StatusCode);
        var redirect = (await submission.Application.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redirect").GetString();
        Assert.Equal("/desk/accounts/applied", redirect);

        var applied = await browser.Client.GetStringAsync(redirect);
        Assert.Contains("xiaoming.wang@example.tw", applied, StringComparison.Ordinal);
        Assert.Contains("10 分鐘", applied, StringComparison.Ordinal);
        Assert.Contains("href=\"/desk/accounts/activate\"", applied, StringComparison.Ordinal);

        var mail = Assert.Single(await host.Smtp.WaitForAsync("xiaoming.wang@example.tw", 1));
        Assert.Contains("啟用碼", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("activation code", mail.TextBody, StringComparison.Ordinal);
        var code = CodeIn(mail);

        Assert.Equal("redirect:/desk/accounts?done=activated", await EnterCodeAsync(browser, "/desk/accounts/activate", "Activate", code));
        var active = await browser.Client.GetStringAsync("/desk/accounts");
        Assert.Contains("data-status=\"active\"", active, StringComparison.Ordinal);
        Assert.Contains("0912345678", active, StringComparison.Ordinal);

        var activated = await host.Smtp.WaitForAsync("xiaoming.wang@example.tw", 2);
        Assert.Contains(activated, m => m.Subject?.Contains("已啟用", StringComparison.Ordinal) == true);

        var account = await host.WithDbAsync(db => db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().SingleAsync());
        Assert.Equal(AccountTerms.Version, account.TermsVersion);
        Assert.Equal("0912345678", account.Mobile);
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", account.PasswordHash, StringComparison.Ordinal);
        var lines = account.ApplicationText.Split('\n');
        Assert.Equal("laobao:account-application:v1", lines[0]);
        Assert.Equal("origin=" + AccountTestHost.Origin, lines[1]);
        Assert.StartsWith("nonce=", lines[2], StringComparison.Ordinal);
        Assert.Equal(["id=A123456789", "email=xiaoming.wang@example.tw", "mobile=0912345678", "terms=" + AccountTerms.Version], lines[3..]);
        Assert.Equal(submission.Signature, account.ApplicationSignature);

        // The code worked once; it does not work again.
        var codes = await host.WithDbAsync(db => db.Set<ActivationCode>().ToListAsync());
        Assert.All(codes, c => Assert.DoesNotContain(code, Convert.ToHexString(c.CodeHash), StringComparison.Ordinal));
        Assert.NotNull(Assert.Single(codes).ConsumedAt);
    }

    [Fact]
    public async Task Without_the_current_terms_the_form_and_the_challenge_send_the_person_to_the_terms()
    {
        var form = await browser.Client.GetAsync("/desk/accounts/apply");
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Equal("/desk/accounts/terms", form.Headers.Location?.OriginalString);

        var token = await browser.TokenFromAsync("/desk/accounts/terms");
        var challenge = await browser.PostJsonAsync("/desk/api/accounts/application/challenge", Form("a@example.tw"), token);
        Assert.Equal(HttpStatusCode.Conflict, challenge.StatusCode);
        Assert.Equal(AccountCodes.TermsRequired, await DeskBrowser.CodeOf(challenge));

        var before = host.Time.GetUtcNow().UtcDateTime;
        await AcceptTermsAsync(browser);
        var accepted = await host.WithDbAsync(db => db.Set<TermsAcceptance>().SingleAsync());
        Assert.Equal(AccountTerms.Version, accepted.Version);
        Assert.Equal(before, accepted.AcceptedAt);
        Assert.Contains("同意條款內容", await browser.Client.GetStringAsync("/desk/accounts/terms"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_code_does_not_activate()
    {
        await AcceptTermsAsync(browser);
        await ApplyAsync(browser, holder, "late@example.tw");
        var code = CodeIn(Assert.Single(await host.Smtp.WaitForAsync("late@example.tw", 1)));

        host.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        Assert.Equal("code.expired", await EnterCodeAsync(browser, "/desk/accounts/activate", "Activate", code));
        Assert.Contains("data-status=\"pending\"", await browser.Client.GetStringAsync("/desk/accounts"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_codes_void_the_code_and_a_new_one_works()
    {
        await AcceptTermsAsync(browser);
        await ApplyAsync(browser, holder, "typo@example.tw");
        var code = CodeIn(Assert.Single(await host.Smtp.WaitForAsync("typo@example.tw", 1)));
        var wrong = code == "00000000" ? "11111111" : "00000000";

        for (var left = 4; left >= 1; left--)
        {
            Assert.Equal("code.wrong", await EnterCodeAsync(browser, "/desk/accounts/activate", "Activate", wrong));
        }

        Assert.Equal("code.voided", await EnterCodeAsync(browser, "/desk/accounts/activate", "Activate", wrong));
        Assert.Equal("code.none", await EnterCodeAsync(browser, "/desk/accounts/activate", "Activate", code));
        Assert.Equal("code.malformed", await EnterCodeAsync(browser, "/desk/accounts/activate", "Activate", "12ab"));

        host.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("code.resent", await ResendAsync(browser));
        var fresh = CodeIn((await host.Smtp.WaitForAsync("typo@example.tw", 2))[1]);
        Assert.Equal("redirect:/desk/accounts?done=activated", await EnterCodeAsync(browser, "/desk/accounts/activate", "Activate", fresh));
    }

    [Fact]
    public async Task Resending_is_limited_and_each_new_code_voids_the_last()
    {
        await AcceptTermsAsync(browser);
        await ApplyAsync(browser, holder, "again@example.tw");
        var first = CodeIn(Assert.Single(await host.Smtp.WaitForAsync("again@example.tw", 1)));

        Assert.Equal("code.resendTooSoon", await ResendAsync(browser));

        for (var sent = 2; sent <= 5; sent++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(61));
            Assert.Equal("code.resent", await ResendAsync(browser));
        }

        host.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("code.resendTooMany", await ResendAsync(browser));

        var mails = await host.Smtp.WaitForAsync("again@example.tw", 5);
        Assert.Equal(5, mails.Count);
        // The first code was voided by the resends: it is simply wrong for the code now live.
        Assert.Equal("code.wrong", await EnterCodeAsync(browser, "/desk/accounts/activate", "Activate", first));
        Assert.Equal("redirect:/desk/accounts?done=activated", await EnterCodeAsync(browser, "/desk/accounts/activate", "Activate", CodeIn(mails[^1])));
    }

    [Fact]
    public async Task Submitting_twice_never_makes_a_second_account()
    {
        await AcceptTermsAsync(browser);
        var token = await ApplyTokenAsync(browser);

        // The same signed application sent twice (double click): the nonce is single use.
        var once = await ApplyAsync(browser, holder, "twice@example.tw");
        Assert.Equal(HttpStatusCode.OK, once.Application!.StatusCode);
        var replay = await browser.PostJsonAsync("/desk/api/accounts/application",
            new { email = "twice@example.tw", password = GoodPassword, confirmPassword = GoodPassword, mobile = "", signature = once.Signature }, token);
        Assert.Equal("challenge.unknown", await DeskBrowser.CodeOf(replay));

        // A fresh challenge once the account exists is refused plainly.
        var again = await browser.PostJsonAsync("/desk/api/accounts/application/challenge", Form("twice@example.tw"), token);
        Assert.Equal(AccountCodes.Exists, await DeskBrowser.CodeOf(again));

        // Reloading the success page shows the same success and makes nothing.
        Assert.Contains("twice@example.tw", await browser.Client.GetStringAsync("/desk/accounts/applied"), StringComparison.Ordinal);
        Assert.Equal(1, await host.WithDbAsync(db => db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().CountAsync()));
        Assert.Single(await host.Smtp.WaitForAsync("twice@example.tw", 1));
        Assert.Equal(1, await host.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync()));
    }

    [Fact]
    public async Task Two_signed_applications_racing_make_one_account_and_one_mail()
    {
        await AcceptTermsAsync(browser);
        var token = await ApplyTokenAsync(browser);
        var signatures = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var challenge = await browser.PostJsonAsync("/desk/api/accounts/application/challenge", Form("race@example.tw"), token);
            var tbs = (await challenge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tbs").GetString()!;
            signatures.Add(DeskBrowser.Sign(holder, tbs));
        }

        var answers = await Task.WhenAll(signatures.Select(signature => browser.PostJsonAsync("/desk/api/accounts/application",
            new { email = "race@example.tw", password = GoodPassword, confirmPassword = GoodPassword, mobile = "", signature }, token)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(1, await host.WithDbAsync(db => db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().CountAsync()));
        Assert.Equal(1, await host.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync()));
    }

    [Fact]
    public async Task An_email_already_used_is_refused_without_saying_whose_it_is()
    {
        await AcceptTermsAsync(browser);
        Assert.Equal(HttpStatusCode.OK, (await ApplyAsync(browser, holder, "shared@example.tw")).Application!.StatusCode);

        var other = await host.AddPersonAsync(AccountTestHost.IdNumber("B22345678"), "陳美玲", new DateOnly(1985, 6, 30));
        using var second = host.NewBrowser();
        await second.SignInAsync(other);
        await AcceptTermsAsync(second);
        var refused = await ApplyAsync(second, other, "Shared@Example.TW");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Challenge.StatusCode);
        var body = await refused.Challenge.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(AccountCodes.Invalid, json.GetProperty("code").GetString());
        Assert.Equal(AccountCodes.EmailTaken, json.GetProperty("errors").GetProperty("email").GetString());
        Assert.DoesNotContain("王小明", body, StringComparison.Ordinal);
        Assert.DoesNotContain("A12", body, StringComparison.Ordinal);
        Assert.Contains("另一個地址", Laobao.Web.Localization.CopyDeck.Text("email.taken", Laobao.Web.Localization.UiLanguage.ZhTw), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password1234", "password.common")]
    [InlineData("short", "password.too-short")]
    [InlineData("xiaoming2024wang", "password.personal")]
    [InlineData("aaaaaaaaaaaa", "password.weak")]
    public async Task Weak_and_common_passwords_are_refused_with_a_helpful_message(string password, string expected)
    {
        await AcceptTermsAsync(browser);
        var submission = await ApplyAsync(browser, holder, "xiaoming2024wang@example.tw", password);

        Assert.Equal(HttpStatusCode.BadRequest, submission.Challenge.StatusCode);
        var json = await submission.Challenge.Content.ReadFromJsonAsync<JsonElement>();
        var code = json.GetProperty("errors").GetProperty("password").GetString();
        Assert.True(code == expected || (expected == "password.weak" && code == "password.common"), $"got {code}");

        // The page asks the same rules as the person types, in the person's language.
        var token = await ApplyTokenAsync(browser);
        var check = await browser.PostJsonAsync("/desk/api/accounts/password-check?lang=en", new { password, email = "xiaoming2024wang@example.tw" }, token);
        var advice = await check.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, advice.GetProperty("code").GetString());
        Assert.Equal(Laobao.Web.Localization.CopyDeck.Text(code!, Laobao.Web.Localization.UiLanguage.En), advice.GetProperty("message").GetString());
        Assert.Equal(0, await host.WithDbAsync(db => db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().CountAsync()));
    }

    [Fact]
    public async Task Mismatched_confirmation_bad_email_and_bad_mobile_are_each_named()
    {
        await AcceptTermsAsync(browser);
        var token = await ApplyTokenAsync(browser);
        var response = await browser.PostJsonAsync("/desk/api/accounts/application/challenge",
            Form("not-an-address", GoodPassword, "0212345678", GoodPassword + "x"), token);

        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(AccountCodes.EmailFormat, errors.GetProperty("email").GetString());
        Assert.Equal("password.mismatch", errors.GetProperty("confirmPassword").GetString());
        Assert.Equal(AccountCodes.MobileFormat, errors.GetProperty("mobile").GetString());
    }
}
