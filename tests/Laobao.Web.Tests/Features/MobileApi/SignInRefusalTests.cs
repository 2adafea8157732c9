using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Laobao.Client;
using Laobao.Web.Data;

namespace Laobao.Web.Tests.Features.MobileApi;

/// <summary>Every way a sign-in is refused, each with its stable code; unknown email and wrong password alike.</summary>
public sealed class SignInRefusalTests : IAsyncLifetime, IDisposable
{
    private MobileWorld world = null!;
    private LinkedPhone? linked;
    private LaobaoApiClient phone = null!;
    private ECDsa key = null!;
    private Guid deviceId;

    public async Task InitializeAsync()
    {
        world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        linked = await world.LinkPhoneAsync(People.Wang);
        (phone, key, deviceId) = (linked.Api, linked.Key, linked.DeviceId);
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    public void Dispose() => linked?.Dispose();

    [Fact]
    public async Task WhenThePasswordIsWrongOrTheEmailUnknownThenTheAnswersAreTheSame()
    {
        var wrong = await RawSignInAsync(Accounts.WangEmail, "not the password at all");
        var unknown = await RawSignInAsync("nobody@example.tw", Accounts.WangPassword);

        Assert.Equal((HttpStatusCode.Unauthorized, ApiErrorCodes.CredentialsInvalid), (wrong.Status, wrong.Code));
        Assert.Equal(wrong, unknown);
    }

    [Fact]
    public async Task WhenTheDeviceSignatureIsByAnotherKeyThenSignInIsRefused()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var challenge = await phone.ChallengeAsync(deviceId);
        var error = await Assert.ThrowsAsync<LaobaoApiException>(() => phone.SignInAsync(new SignInRequest(
            Accounts.WangEmail, Accounts.WangPassword, deviceId, challenge.Nonce, PhoneKey.Sign(other, DeviceProof.LoginText(challenge.Nonce, deviceId)))));
        Assert.Equal(ApiErrorCodes.DeviceSignatureInvalid, error.Code);
    }

    [Fact]
    public async Task WhenTheNonceIsReplayedThenSignInIsRefused()
    {
        var challenge = await phone.ChallengeAsync(deviceId);
        var request = new SignInRequest(Accounts.WangEmail, Accounts.WangPassword, deviceId, challenge.Nonce, PhoneKey.Sign(key, DeviceProof.LoginText(challenge.Nonce, deviceId)));
        Assert.NotNull(await phone.SignInAsync(request));

        var replay = await Assert.ThrowsAsync<LaobaoApiException>(() => phone.SignInAsync(request));
        Assert.Equal(ApiErrorCodes.NonceInvalid, replay.Code);
    }

    [Fact]
    public async Task WhenTheNonceExpiredOrBelongsToAnotherDeviceThenSignInIsRefused()
    {
        var challenge = await phone.ChallengeAsync(deviceId);
        world.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var late = await Assert.ThrowsAsync<LaobaoApiException>(() => phone.SignInAsync(new SignInRequest(
            Accounts.WangEmail, Accounts.WangPassword, deviceId, challenge.Nonce, PhoneKey.Sign(key, DeviceProof.LoginText(challenge.Nonce, deviceId)))));
        Assert.Equal(ApiErrorCodes.NonceInvalid, late.Code);

        var made = Guid.NewGuid();
        var foreign = await Assert.ThrowsAsync<LaobaoApiException>(() => phone.SignInAsync(new SignInRequest(
            Accounts.WangEmail, Accounts.WangPassword, made, challenge.Nonce, PhoneKey.Sign(key, DeviceProof.LoginText(challenge.Nonce, made)))));
        Assert.Equal(ApiErrorCodes.NonceInvalid, foreign.Code);
    }

    [Fact]
    public async Task WhenTheDeviceIsUnlinkedOrUnknownThenNoChallengeIsGiven()
    {
        Assert.Equal(ApiErrorCodes.DeviceUnknown, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.ChallengeAsync(Guid.NewGuid()))).Code);
        var tokens = await MobileWorld.SignInAsync(phone, key, deviceId);
        await phone.UnlinkDeviceAsync(tokens.AccessToken, deviceId);
        Assert.Equal(ApiErrorCodes.DeviceUnknown, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.ChallengeAsync(deviceId))).Code);
    }

    [Fact]
    public async Task WhenAnotherPersonsAccountSignsInWithThisDeviceThenItIsRefused()
    {
        var error = await Assert.ThrowsAsync<LaobaoApiException>(() => MobileWorld.SignInAsync(phone, key, deviceId, "chen@example.tw", "another long passphrase 陳美"));
        Assert.Equal(ApiErrorCodes.DeviceUnknown, error.Code);
    }

    [Fact]
    public async Task AStrangerGuessingFromElsewhereIsThrottledButCannotLockTheOwnerOut()
    {
        var stranger = world.Phone("203.0.113.66");
        for (var i = 0; i < Laobao.Web.Features.MobileApi.SessionHandler.FailuresPerPair; i++)
        {
            var guess = await Assert.ThrowsAsync<LaobaoApiException>(() => MobileWorld.SignInAsync(stranger, key, deviceId, Accounts.WangEmail, "guess number " + i));
            Assert.Equal(ApiErrorCodes.CredentialsInvalid, guess.Code);
        }

        var limited = await Assert.ThrowsAsync<LaobaoApiException>(() => MobileWorld.SignInAsync(stranger, key, deviceId));
        Assert.Equal((429, ApiErrorCodes.RateLimited), (limited.Status, limited.Code));

        var owner = world.Phone("198.51.100.7");
        Assert.NotNull(await MobileWorld.SignInAsync(owner, key, deviceId));
    }

    [Fact]
    public async Task ABodyThatDoesNotBindIsAProblemWithACode()
    {
        using var http = world.Http();
        using var content = new StringContent("{\"email\": 5", System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("api/v1/sessions", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ApiErrorCodes.RequestMalformed, problem.RootElement.GetProperty("code").GetString());
    }

    private async Task<(HttpStatusCode Status, string? Code, string? Title)> RawSignInAsync(string email, string password)
    {
        var challenge = await phone.ChallengeAsync(deviceId);
        using var http = world.Http();
        using var response = await http.PostAsJsonAsync(
            new Uri("api/v1/sessions", UriKind.Relative),
            new SignInRequest(email, password, deviceId, challenge.Nonce, PhoneKey.Sign(key, DeviceProof.LoginText(challenge.Nonce, deviceId))));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, problem.RootElement.GetProperty("code").GetString(), problem.RootElement.GetProperty("title").GetString());
    }
}
