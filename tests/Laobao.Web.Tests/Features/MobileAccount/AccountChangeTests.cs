using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Laobao.Tests.Passkeys;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Features.Passkeys;
using Laobao.Web.Security.Passwords;
using Laobao.Web.Tests.Features.MobileAccount.Support;
using Laobao.Web.Tests.Features.Passkeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Laobao.Web.Tests.Features.MobileAccount.Support.AccountSteps;

namespace Laobao.Web.Tests.Features.MobileAccount;

/// <summary>Changing the password, the email and closing the account, each confirmed with the card.</summary>
public sealed class AccountChangeTests : IAsyncLifetime
{
    private const string Email = "owner@example.tw";
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
        await ApplyAsync(browser, holder, Email);
        var code = CodeIn(Assert.Single(await host.Smtp.WaitForAsync(Email, 1)));
        Assert.Equal("redirect:/desk/accounts?done=activated", await EnterCodeAsync(browser, "/desk/accounts/activate", "Activate", code));
        await host.Smtp.WaitForAsync(Email, 2);
    }

    public async Task DisposeAsync()
    {
        browser.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task The_password_changes_with_the_card_and_a_notice_is_mailed()
    {
        const string newPassword = "夜市的芒果冰比雪還要甜一點";
        var request = new { action = "change-password", password = newPassword, confirmPassword = newPassword };
        var response = await SignChangeAsync(browser, holder, "/desk/accounts/password", request,
            signature => new { action = "change-password", password = newPassword, confirmPassword = newPassword, signature });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var account = await Account();
        var hasher = host.Services.GetRequiredService<PasswordHasher>();
        Assert.Equal(PasswordCheck.Match, hasher.Verify(newPassword, account.PasswordHash));
        Assert.Equal(PasswordCheck.Mismatch, hasher.Verify(GoodPassword, account.PasswordHash));
        var mails = await host.Smtp.WaitForAsync(Email, 3);
        Assert.Contains(mails, m => m.Subject?.Contains("密碼已變更", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_before_anything_is_signed()
    {
        var token = await browser.TokenFromAsync("/desk/accounts/password");
        var response = await browser.PostJsonAsync("/desk/api/accounts/change/challenge",
            new { action = "change-password", password = "password1234", confirmPassword = "password1234" }, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(PasswordProblems.Common, errors.GetProperty("password").GetString());
    }

    [Fact]
    public async Task A_signature_for_another_action_is_refused()
    {
        var token = await browser.TokenFromAsync("/desk/accounts/close");
        var challenge = await browser.PostJsonAsync("/desk/api/accounts/change/challenge", new { action = "close" }, token);
        var tbs = (await challenge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tbs").GetString()!;
        Assert.EndsWith("\naction=close", tbs, StringComparison.Ordinal);

        // Signed "close", submitted as a password change: the rebuilt text differs.
        var response = await browser.PostJsonAsync("/desk/api/accounts/change",
            new { action = "change-password", password = "夜市的芒果冰比雪還要甜一點", confirmPassword = "夜市的芒果冰比雪還要甜一點", signature = DeskBrowser.Sign(holder, tbs) }, token);
        Assert.Equal("signature.content-mismatch", await DeskBrowser.CodeOf(response));
        Assert.Equal(MobileAccountStatus.Active, (await Account()).Status);
    }

    [Fact]
    public async Task The_email_moves_only_after_the_code_sent_to_the_new_address()
    {
        const string newEmail = "moved@example.tw";
        var response = await SignChangeAsync(browser, holder, "/desk/accounts/email", new { action = "change-email", email = newEmail },
            signature => new { action = "change-email", email = newEmail, signature });
        Assert.Equal("/desk/accounts/email/confirm", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redirect").GetString());
        Assert.Equal(Email, (await Account()).Email);

        var code = CodeIn(Assert.Single(await host.Smtp.WaitForAsync(newEmail, 1)));
        Assert.Equal("redirect:/desk/accounts?done=email", await EnterCodeAsync(browser, "/desk/accounts/email/confirm", "Confirm", code));
        Assert.Equal(newEmail, (await Account()).Email);
        var notices = await host.Smtp.WaitForAsync(Email, 3);
        Assert.Contains(notices, m => (m.TextBody ?? "").Contains(newEmail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Closing_with_the_card_frees_the_person_and_the_email_for_a_new_account()
    {
        var response = await SignChangeAsync(browser, holder, "/desk/accounts/close", new { action = "close" },
            signature => new { action = "close", signature });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MobileAccountStatus.Closed, (await Account()).Status);
        Assert.Contains("data-status=\"none\"", await browser.Client.GetStringAsync("/desk/accounts"), StringComparison.Ordinal);
        var mails = await host.Smtp.WaitForAsync(Email, 3);
        Assert.Contains(mails, m => m.Subject?.Contains("已關閉", StringComparison.Ordinal) == true);

        host.Time.Advance(TimeSpan.FromSeconds(61));
        var again = await ApplyAsync(browser, holder, Email);
        Assert.Equal(HttpStatusCode.OK, again.Application!.StatusCode);
        Assert.Equal(2, await host.WithDbAsync(db => db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().CountAsync()));
    }

    [Fact]
    public async Task Closing_the_account_removes_the_persons_passkeys_and_none_of_them_signs_in_again()
    {
        using var authenticator = new SoftwareAuthenticator();
        // The passkey calls as /js/passkeys.js makes them, in this card session (the same cookies and client).
        var passkeys = new PasskeySteps(new Laobao.Web.Tests.Security.DeskBrowser(browser.Client));
        Assert.Equal(HttpStatusCode.OK, (await passkeys.RegisterAsync(authenticator)).StatusCode);
        Assert.Equal(1, await PasskeysOfHolderAsync());

        var response = await SignChangeAsync(browser, holder, "/desk/accounts/close", new { action = "close" },
            signature => new { action = "close", signature });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await PasskeysOfHolderAsync());
        await passkeys.LogOutAsync();
        using var otherBrowser = host.NewBrowser();
        var later = new PasskeySteps(new Laobao.Web.Tests.Security.DeskBrowser(otherBrowser.Client));
        var (ceremonyId, options) = await later.BeginSignInAsync();
        var refused = await later.FinishSignInAsync(ceremonyId, authenticator.Assert(options, AccountTestHost.Origin, PasskeySteps.RpId));
        await Laobao.Web.Tests.Security.SignInScenario.AssertRefusedAsync(refused, PasskeyCodes.Unknown);
    }

    private Task<int> PasskeysOfHolderAsync() =>
        host.WithDbAsync(db => db.Set<PasskeyCredential>().CountAsync(p => p.PersonIdNumber == "A123456789"));

    [Fact]
    public async Task A_sign_in_with_a_hash_of_older_parameters_rehashes_it()
    {
        var account = await Account();
        var old = new PasswordHasher(Microsoft.Extensions.Options.Options.Create(new PasswordHashingOptions { MemoryKiB = 19 * 1024, Iterations = 2 }));
        var raised = new PasswordHasher(Microsoft.Extensions.Options.Options.Create(new PasswordHashingOptions { MemoryKiB = 20 * 1024, Iterations = 3 }));
        await host.WithDbAsync(async db =>
        {
            var passwords = new AccountPasswords(db, raised);
            Assert.False(await passwords.VerifyAsync(account.Id, "not the password at all", CancellationToken.None));
            Assert.True(await passwords.VerifyAsync(account.Id, GoodPassword, CancellationToken.None));
            return 0;
        });

        var renewed = (await Account()).PasswordHash;
        Assert.StartsWith("$argon2id$v=19$m=20480,t=3,p=1$", renewed, StringComparison.Ordinal);
        Assert.Equal(PasswordCheck.Match, old.Verify(GoodPassword, renewed));
    }

    private Task<Laobao.Web.Features.MobileAccount.MobileAccount> Account() =>
        host.WithDbAsync(db => db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().AsNoTracking().OrderBy(a => a.CreatedAt).FirstAsync());
}
