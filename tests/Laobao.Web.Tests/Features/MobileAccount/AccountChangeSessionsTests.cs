using System.Net;
using System.Security.Cryptography;
using Laobao.Client;
using Laobao.Web.Security.DeviceKeys;
using Laobao.Web.Security.Tokens;
using Laobao.Web.Tests.Features.MobileAccount.Support;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using static Laobao.Web.Tests.Features.MobileAccount.Support.AccountSteps;

namespace Laobao.Web.Tests.Features.MobileAccount;

/// <summary>
/// What a card-signed change on the e-desk does to the phones: closing the account unlinks every device and
/// ends every token at once; a new password or a new email ends every mobile session. Two real phones (P-256
/// keys linked through the QR code and the API) hold sessions on the same account.
/// </summary>
public sealed class AccountChangeSessionsTests : IAsyncLifetime, IDisposable
{
    private const string Email = "owner@example.tw";
    private AccountTestHost host = null!;
    private CardHolder holder = null!;
    private Support.DeskBrowser browser = null!;
    private readonly List<ECDsa> keys = [];

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

    public void Dispose()
    {
        foreach (var key in keys)
        {
            key.Dispose();
        }
    }

    [Fact]
    public async Task Closing_the_account_unlinks_every_device_and_refuses_every_token_and_refresh_at_once()
    {
        var (phoneA, tokensA) = await LinkAndSignInAsync(GoodPassword);
        var (phoneB, tokensB) = await LinkAndSignInAsync(GoodPassword);
        Assert.Equal("王小明", (await phoneA.Api.GetProfileAsync(tokensA.AccessToken)).Name);
        Assert.Equal("王小明", (await phoneB.Api.GetProfileAsync(tokensB.AccessToken)).Name);

        var response = await SignChangeAsync(browser, holder, "/desk/accounts/close", new { action = "close" },
            signature => new { action = "close", signature });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        foreach (var (phone, tokens) in new[] { (phoneA, tokensA), (phoneB, tokensB) })
        {
            Assert.Equal(ApiErrorCodes.TokenInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.Api.GetProfileAsync(tokens.AccessToken))).Code);
            Assert.Equal(ApiErrorCodes.TokenInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.Api.GetDevicesAsync(tokens.AccessToken))).Code);
            // The device is gone: no nonce for a refresh or a sign-in.
            Assert.Equal(ApiErrorCodes.DeviceUnknown, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.RefreshAsync(tokens.RefreshToken))).Code);
            Assert.Equal(ApiErrorCodes.DeviceUnknown, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.SignInAsync(Email, GoodPassword))).Code);
        }

        await host.WithDbAsync(async db =>
        {
            Assert.All(await db.Set<LinkedDevice>().Where(d => d.PersonIdNumber == holder.IdNumber).ToListAsync(), d => Assert.NotNull(d.UnlinkedAt));
            Assert.Equal(2, await db.Set<LinkedDevice>().CountAsync(d => d.PersonIdNumber == holder.IdNumber));
            Assert.Equal(0, await db.Set<MobileAccessToken>().CountAsync(t => t.PersonIdNumber == holder.IdNumber && t.RevokedAt == null));
            Assert.Equal(0, await db.Set<MobileRefreshToken>().CountAsync(t => t.PersonIdNumber == holder.IdNumber && t.RevokedAt == null));
            return 0;
        });
    }

    [Fact]
    public async Task A_token_of_an_account_that_is_no_longer_active_is_refused_even_with_its_device_still_linked()
    {
        // Bearer and refresh check the account itself, not only the token rows: an account closed outside the
        // close page (by an operator, or suspended) answers nothing either.
        var (phone, tokens) = await LinkAndSignInAsync(GoodPassword);
        await host.WithDbAsync(db => db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>()
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, Laobao.Web.Features.MobileAccount.MobileAccountStatus.Closed)));

        Assert.Equal(ApiErrorCodes.TokenInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.Api.GetProfileAsync(tokens.AccessToken))).Code);
        Assert.Equal(ApiErrorCodes.RefreshTokenInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.RefreshAsync(tokens.RefreshToken))).Code);
    }

    [Fact]
    public async Task A_password_change_ends_every_mobile_session_and_the_new_password_signs_in()
    {
        var (phoneA, tokensA) = await LinkAndSignInAsync(GoodPassword);
        var (phoneB, tokensB) = await LinkAndSignInAsync(GoodPassword);
        var refreshedB = await phoneB.RefreshAsync(tokensB.RefreshToken);

        const string newPassword = "夜市的芒果冰比雪還要甜一點";
        var response = await SignChangeAsync(browser, holder, "/desk/accounts/password",
            new { action = "change-password", password = newPassword, confirmPassword = newPassword },
            signature => new { action = "change-password", password = newPassword, confirmPassword = newPassword, signature });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        foreach (var (phone, tokens) in new[] { (phoneA, tokensA), (phoneB, refreshedB) })
        {
            Assert.Equal(ApiErrorCodes.TokenInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.Api.GetProfileAsync(tokens.AccessToken))).Code);
            Assert.Equal(ApiErrorCodes.RefreshTokenInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.RefreshAsync(tokens.RefreshToken))).Code);
        }

        // The phones stay linked: the old password is refused, the new one signs in.
        Assert.Equal(ApiErrorCodes.CredentialsInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => phoneA.SignInAsync(Email, GoodPassword))).Code);
        var fresh = await phoneA.SignInAsync(Email, newPassword);
        Assert.Equal("王小明", (await phoneA.Api.GetProfileAsync(fresh.AccessToken)).Name);
    }

    [Fact]
    public async Task An_email_change_ends_every_mobile_session_once_the_new_address_is_confirmed()
    {
        var (phoneA, tokensA) = await LinkAndSignInAsync(GoodPassword);
        var (phoneB, tokensB) = await LinkAndSignInAsync(GoodPassword);

        const string newEmail = "moved@example.tw";
        await SignChangeAsync(browser, holder, "/desk/accounts/email", new { action = "change-email", email = newEmail },
            signature => new { action = "change-email", email = newEmail, signature });
        var code = CodeIn(Assert.Single(await host.Smtp.WaitForAsync(newEmail, 1)));
        Assert.Equal("redirect:/desk/accounts?done=email", await EnterCodeAsync(browser, "/desk/accounts/email/confirm", "Confirm", code));

        foreach (var (phone, tokens) in new[] { (phoneA, tokensA), (phoneB, tokensB) })
        {
            Assert.Equal(ApiErrorCodes.TokenInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.Api.GetProfileAsync(tokens.AccessToken))).Code);
            Assert.Equal(ApiErrorCodes.RefreshTokenInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.RefreshAsync(tokens.RefreshToken))).Code);
        }

        var fresh = await phoneB.SignInAsync(newEmail, GoodPassword);
        Assert.Equal("王小明", (await phoneB.Api.GetProfileAsync(fresh.AccessToken)).Name);
    }

    /// <summary>A new phone linked through the person's e-desk session, signed in with the account's email.</summary>
    private async Task<(LinkedPhone Phone, TokenResponse Tokens)> LinkAndSignInAsync(string password)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        keys.Add(key);
        var desk = await MobileWorld.DevicesPageAsync(browser.Client);
        var api = new LaobaoApiClient(host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(AccountTestHost.Origin + "/") }));
        var deviceId = await MobileWorld.LinkAsync(desk, key, api, AccountTestHost.Origin);
        var phone = new LinkedPhone(api, key, deviceId, desk);
        return (phone, await phone.SignInAsync(Email, password));
    }
}
