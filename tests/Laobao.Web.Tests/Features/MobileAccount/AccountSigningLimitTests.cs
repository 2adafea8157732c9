using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Laobao.Domain.Dates;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Localization;
using Laobao.Web.Security.Audit;
using Laobao.Web.Tests.Features.MobileAccount.Support;
using Microsoft.EntityFrameworkCore;
using static Laobao.Web.Tests.Features.MobileAccount.Support.AccountSteps;

namespace Laobao.Web.Tests.Features.MobileAccount;

/// <summary>
/// Failed card signatures on the account pages are counted per person (5 in the 15-minute window by default): the
/// next attempt is refused before any card work with the time to try again, the person recovers when the window
/// passes, and neither a stranger at the login page nor another person can bring it about.
/// </summary>
public sealed class AccountSigningLimitTests : IAsyncLifetime
{
    private const int Limit = 5;
    private AccountTestHost host = null!;
    private CardHolder holder = null!;
    private DeskBrowser browser = null!;

    public async Task InitializeAsync()
    {
        host = await AccountTestHost.StartAsync();
        holder = await host.AddPersonAsync("A123456789", "王小明", new DateOnly(1971, 1, 2));
        browser = host.NewBrowser();
        await browser.SignInAsync(holder);
        await AcceptTermsAsync(browser);
    }

    public async Task DisposeAsync()
    {
        browser.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Failed_application_signatures_are_limited_and_the_answer_says_when_to_try_again()
    {
        var token = await ApplyTokenAsync(browser);
        var firstFailure = host.Time.GetUtcNow();
        // A genuine challenge asked for before the failures: even its genuine signature waits for the window.
        var held = await ChallengeTextAsync(token, "mine@example.tw");
        for (var i = 0; i < Limit; i++)
        {
            var tbs = await ChallengeTextAsync(token, "mine@example.tw");
            var tampered = DeskBrowser.Sign(holder, tbs.Replace("email=mine@example.tw", "email=thief@example.tw", StringComparison.Ordinal));
            var refused = await SubmitAsync(token, "mine@example.tw", tampered);
            Assert.Equal("signature.content-mismatch", await DeskBrowser.CodeOf(refused));
        }

        var limited = await browser.PostJsonAsync(MobileAccountApi.ApplicationChallengePath, Form("mine@example.tw"), token);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(AccountCodes.SigningLimited, problem.GetProperty("code").GetString());
        // Taiwan time is UTC+8; the time is rounded up to the minute so it is never too early.
        var until = firstFailure.AddMinutes(15).ToOffset(TimeSpan.FromHours(8));
        var roundedUp = until.AddTicks(-(until.Ticks % TimeSpan.TicksPerMinute)).AddMinutes(until.Ticks % TimeSpan.TicksPerMinute == 0 ? 0 : 1);
        var expected = RocDate.FormatBoth(DateOnly.FromDateTime(roundedUp.DateTime)) + " " + roundedUp.ToString("HH:mm", CultureInfo.InvariantCulture);
        Assert.Equal(expected, problem.GetProperty("retryAt").GetString());

        var genuine = await SubmitAsync(token, "mine@example.tw", DeskBrowser.Sign(holder, held));
        Assert.Equal(HttpStatusCode.TooManyRequests, genuine.StatusCode);
        Assert.Equal(AccountCodes.SigningLimited, await DeskBrowser.CodeOf(genuine));
        Assert.Equal(0, await host.WithDbAsync(db => db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().CountAsync()));

        // Every refusal is in the person's activity, the limited one included.
        var outcomes = await host.WithDbAsync(db => db.Set<AuditRecord>().Where(a => a.Action == AccountApplicationHandler.AuditAction).Select(a => a.Outcome).ToListAsync());
        Assert.Equal(Limit, outcomes.Count(o => o == "signature.content-mismatch"));
        Assert.Contains(AccountCodes.SigningLimited, outcomes);

        // The sentence the page shows, in both languages, carries that time.
        foreach (var language in new[] { UiLanguage.ZhTw, UiLanguage.En })
        {
            var sentence = CopyDeck.Text("error." + AccountCodes.SigningLimited, language);
            Assert.Contains("{0}", sentence, StringComparison.Ordinal);
        }

        var english = await browser.Client.GetStringAsync("/desk/accounts/apply?lang=en");
        Assert.Contains(JsonSerializer.Serialize(CopyDeck.Text("error." + AccountCodes.SigningLimited, UiLanguage.En)), english, StringComparison.Ordinal);

        // The card sign-in is not part of this limit: the owner still signs in and reads their records.
        using (var again = host.NewBrowser())
        {
            await again.SignInAsync(holder);
            Assert.Equal(HttpStatusCode.OK, (await again.Client.GetAsync("/desk/accounts")).StatusCode);
        }

        // Once the window has passed, the genuine application goes through (signed in again: the idle session ended too).
        host.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        await browser.SignInAsync(holder);
        var submission = await ApplyAsync(browser, holder, "mine@example.tw");
        Assert.Equal(HttpStatusCode.OK, submission.Application!.StatusCode);
    }

    [Fact]
    public async Task Failed_change_signatures_count_against_the_same_person_and_no_one_else()
    {
        Assert.Equal(HttpStatusCode.OK, (await ApplyAsync(browser, holder, "owner@example.tw")).Application!.StatusCode);
        var token = await browser.TokenFromAsync("/desk/accounts/close");
        for (var i = 0; i < Limit; i++)
        {
            var challenge = await browser.PostJsonAsync(MobileAccountApi.ChangeChallengePath, new { action = "close" }, token);
            var tbs = (await challenge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tbs").GetString()!;
            // Signed "close" but sent as a password change: the card signed something else.
            var refused = await browser.PostJsonAsync(MobileAccountApi.ChangePath,
                new { action = "change-password", password = "夜市的芒果冰比雪還要甜一點", confirmPassword = "夜市的芒果冰比雪還要甜一點", signature = DeskBrowser.Sign(holder, tbs) }, token);
            Assert.Equal("signature.content-mismatch", await DeskBrowser.CodeOf(refused));
        }

        var limited = await browser.PostJsonAsync(MobileAccountApi.ChangeChallengePath, new { action = "close" }, token);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(AccountCodes.SigningLimited, await DeskBrowser.CodeOf(limited));
        Assert.Equal(AccountCodes.SigningLimited, await DeskBrowser.CodeOf(
            await browser.PostJsonAsync(MobileAccountApi.ApplicationChallengePath, Form("owner@example.tw"), await browser.TokenFromAsync("/desk/accounts/terms"))));

        // Another person on the same address is not touched by these failures.
        var other = await host.AddPersonAsync(AccountTestHost.IdNumber("B22345678"), "陳美玲", new DateOnly(1985, 6, 30));
        using var second = host.NewBrowser();
        await second.SignInAsync(other);
        await AcceptTermsAsync(second);
        Assert.Equal(HttpStatusCode.OK, (await ApplyAsync(second, other, "chen@example.tw")).Application!.StatusCode);
    }

    [Fact]
    public async Task A_stranger_failing_card_sign_ins_with_the_persons_id_does_not_block_their_account_pages()
    {
        var strangerCard = await host.AddPersonAsync(AccountTestHost.IdNumber("F13579246"), "林志豪", new DateOnly(1990, 12, 31));
        using var stranger = host.NewBrowser();
        var token = await stranger.TokenFromAsync("/desk/login");
        // Ten failures lock the card sign-in of this ID for the window, as SPEC §4.3 allows ...
        for (var i = 0; i < 10; i++)
        {
            var challenge = await stranger.PostJsonAsync("/desk/api/card-login/challenge", new { idNumber = holder.IdNumber }, token);
            var tbs = (await challenge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tbs").GetString()!;
            var login = await stranger.PostJsonAsync("/desk/api/card-login",
                new { idNumber = holder.IdNumber, birthDate = "0600102", signature = DeskBrowser.Sign(strangerCard, tbs) }, token);
            Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        }

        Assert.Equal("rate-limited", await DeskBrowser.CodeOf(
            await stranger.PostJsonAsync("/desk/api/card-login/challenge", new { idNumber = holder.IdNumber }, token)));

        // ... but the owner's session, opened with their card, still signs their application.
        var submission = await ApplyAsync(browser, holder, "owner@example.tw");
        Assert.Equal(HttpStatusCode.OK, submission.Application!.StatusCode);
    }

    private async Task<string> ChallengeTextAsync(string token, string email)
    {
        var challenge = await browser.PostJsonAsync(MobileAccountApi.ApplicationChallengePath, Form(email), token);
        Assert.True(challenge.StatusCode == HttpStatusCode.OK, await challenge.Content.ReadAsStringAsync());
        return (await challenge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tbs").GetString()!;
    }

    private Task<HttpResponseMessage> SubmitAsync(string token, string email, string signature) =>
        browser.PostJsonAsync(MobileAccountApi.ApplicationPath,
            new { email, password = GoodPassword, confirmPassword = GoodPassword, mobile = "", signature }, token);
}
