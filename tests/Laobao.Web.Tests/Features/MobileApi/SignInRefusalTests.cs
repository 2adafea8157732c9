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
        Assert.Equal(ApiErrorCodes.CredentialsInvalid, error.Code);
    }

    [Fact]
    public async Task WhenTheNonceIsReplayedThenSignInIsRefused()
    {
        var challenge = await phone.ChallengeAsync(deviceId);
        var request = new SignInRequest(Accounts.WangEmail, Accounts.WangPassword, deviceId, challenge.Nonce, PhoneKey.Sign(key, DeviceProof.LoginText(challenge.Nonce, deviceId)));
        Assert.NotNull(await phone.SignInAsync(request));

        var replay = await Assert.ThrowsAsync<LaobaoApiException>(() => phone.SignInAsync(request));
        Assert.Equal(ApiErrorCodes.CredentialsInvalid, replay.Code);
    }

    [Fact]
    public async Task WhenTheNonceExpiredOrBelongsToAnotherDeviceThenSignInIsRefused()
    {
        var challenge = await phone.ChallengeAsync(deviceId);
        world.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var late = await Assert.ThrowsAsync<LaobaoApiException>(() => phone.SignInAsync(new SignInRequest(
            Accounts.WangEmail, Accounts.WangPassword, deviceId, challenge.Nonce, PhoneKey.Sign(key, DeviceProof.LoginText(challenge.Nonce, deviceId)))));
        Assert.Equal(ApiErrorCodes.CredentialsInvalid, late.Code);

        var made = Guid.NewGuid();
        var foreign = await Assert.ThrowsAsync<LaobaoApiException>(() => phone.SignInAsync(new SignInRequest(
            Accounts.WangEmail, Accounts.WangPassword, made, challenge.Nonce, PhoneKey.Sign(key, DeviceProof.LoginText(challenge.Nonce, made)))));
        Assert.Equal(ApiErrorCodes.CredentialsInvalid, foreign.Code);
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
        Assert.Equal(ApiErrorCodes.CredentialsInvalid, error.Code);
    }

    [Fact]
    public async Task EveryFailureOfASignInGivesTheSameAnswerByteForByteApartFromTheTraceId()
    {
        // 1. unknown email, 2. wrong password: on Wang's own linked phone.
        var unknown = await RawSignInBodyAsync(phone, key, deviceId, "nobody@example.tw", Accounts.WangPassword);
        var wrong = await RawSignInBodyAsync(phone, key, deviceId, Accounts.WangEmail, "not the password at all");

        // 3. Chen's right email and password, signed by Wang's linked phone: once this said device-unknown.
        var foreign = await RawSignInBodyAsync(phone, key, deviceId, "chen@example.tw", "another long passphrase 陳美");

        // 4. Wang's right password on a phone that was unlinked after it fetched its nonce.
        using var second = await world.LinkPhoneAsync(People.Wang);
        var tokens = await second.SignInAsync();
        var secondChallenge = await second.Api.ChallengeAsync(second.DeviceId);
        await second.Api.UnlinkDeviceAsync(tokens.AccessToken, second.DeviceId);
        var unlinked = await PostSignInAsync(new SignInRequest(Accounts.WangEmail, Accounts.WangPassword, second.DeviceId, secondChallenge.Nonce,
            PhoneKey.Sign(second.Key, DeviceProof.LoginText(secondChallenge.Nonce, second.DeviceId))));

        // 5. Wang's right password on a device id no phone ever linked, with a nonce of another device.
        var made = Guid.NewGuid();
        var otherChallenge = await phone.ChallengeAsync(deviceId);
        var never = await PostSignInAsync(new SignInRequest(Accounts.WangEmail, Accounts.WangPassword, made, otherChallenge.Nonce,
            PhoneKey.Sign(key, DeviceProof.LoginText(otherChallenge.Nonce, made))));

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Contains("\"code\":\"credentials-invalid\"", unknown.Body, StringComparison.Ordinal);
        foreach (var other in new[] { wrong, foreign, unlinked, never })
        {
            Assert.Equal(unknown.Status, other.Status);
            Assert.Equal(unknown.ContentType, other.ContentType);
            Assert.Equal(unknown.Body, other.Body);
        }
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

    private async Task<(HttpStatusCode Status, string? ContentType, string Body)> RawSignInBodyAsync(LaobaoApiClient client, ECDsa signer, Guid device, string email, string password)
    {
        var challenge = await client.ChallengeAsync(device);
        return await PostSignInAsync(new SignInRequest(email, password, device, challenge.Nonce, PhoneKey.Sign(signer, DeviceProof.LoginText(challenge.Nonce, device))));
    }

    /// <summary>The raw answer, with only the per-request trace id taken out.</summary>
    private async Task<(HttpStatusCode Status, string? ContentType, string Body)> PostSignInAsync(SignInRequest request)
    {
        using var http = world.Http();
        using var response = await http.PostAsJsonAsync(new Uri("api/v1/sessions", UriKind.Relative), request);
        var body = System.Text.RegularExpressions.Regex.Replace(await response.Content.ReadAsStringAsync(), "\"traceId\":\"[^\"]*\"", "\"traceId\":\"\"");
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), body);
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
