using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Laobao.Client;
using Laobao.Tests.Passkeys;
using Laobao.Web.Data;
using Laobao.Web.Features.Passkeys;
using Laobao.Web.Tests.Features.MobileApi;

namespace Laobao.Web.Tests.Features.Passkeys;

/// <summary>
/// The app's platform passkey through the API (SPEC §11): enrolled after the password sign-in, bound to the linked device,
/// then signing in instead of the password — and refused without the device key's signature, or on another device.
/// </summary>
public sealed class PasskeyAppApiTests
{
    private const string RpId = "desk.test";

    [Fact]
    public async Task AppEnrolsAPlatformPasskeyAndSignsInWithItAndTheDeviceKey()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var linked = await world.LinkPhoneAsync(People.Wang);
        var http = world.Http();
        using var passkey = await EnrolAsync(http, linked);

        var (ceremonyId, nonce, options) = await SignInOptionsAsync(http, linked.DeviceId);
        var body = SignInBody(linked.DeviceId, ceremonyId, passkey.Assert(options, MobileWorld.Origin, RpId), nonce, DeviceSignature(linked.Key, nonce, linked.DeviceId));
        var response = await PostAsync(http, PasskeysAppApi.SignInPath, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var coverage = await linked.Api.GetCoverageAsync(tokens["accessToken"]!.GetValue<string>());
        Assert.Equal(3, coverage.Periods.Count);
        var activity = await linked.Api.GetActivityAsync(tokens["accessToken"]!.GetValue<string>());
        Assert.Contains(activity.Items, a => a.Action == PasskeysAppApi.AuditRegister && a.Outcome == "ok");
        Assert.Contains(activity.Items, a => a.Action == PasskeysAppApi.AuditSignIn && a.Outcome == "ok");
    }

    [Fact]
    public async Task WhenTheDeviceKeySignatureIsMissingOrWrongThenThePasskeyAloneIsRefused()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var linked = await world.LinkPhoneAsync(People.Wang);
        var http = world.Http();
        using var passkey = await EnrolAsync(http, linked);

        // No device signature at all.
        var (ceremonyId, nonce, options) = await SignInOptionsAsync(http, linked.DeviceId);
        var withoutDevice = SignInBody(linked.DeviceId, ceremonyId, passkey.Assert(options, MobileWorld.Origin, RpId), null, null);
        await AssertRefusedAsync(await PostAsync(http, PasskeysAppApi.SignInPath, withoutDevice), PasskeyCodes.DeviceRequired);

        // A signature by another key than the linked device's.
        (ceremonyId, nonce, options) = await SignInOptionsAsync(http, linked.DeviceId);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var wrongKey = SignInBody(linked.DeviceId, ceremonyId, passkey.Assert(options, MobileWorld.Origin, RpId), nonce, DeviceSignature(stranger, nonce, linked.DeviceId));
        await AssertRefusedAsync(await PostAsync(http, PasskeysAppApi.SignInPath, wrongKey), ApiErrorCodes.DeviceSignatureInvalid);
    }

    [Fact]
    public async Task WhenTheAppPasskeyIsUsedFromAnotherLinkedDeviceThenItIsRefused()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var first = await world.LinkPhoneAsync(People.Wang);
        using var second = await world.LinkPhoneAsync(People.Wang);
        var http = world.Http();
        using var passkeyOfFirst = await EnrolAsync(http, first);
        using var passkeyOfSecond = await EnrolAsync(http, second);

        // The second phone's own device proof, with the first phone's passkey: the passkey is bound to the first phone.
        var (ceremonyId, nonce, options) = await SignInOptionsAsync(http, second.DeviceId);
        var body = SignInBody(second.DeviceId, ceremonyId, passkeyOfFirst.Assert(options, MobileWorld.Origin, RpId), nonce, DeviceSignature(second.Key, nonce, second.DeviceId));
        await AssertRefusedAsync(await PostAsync(http, PasskeysAppApi.SignInPath, body), PasskeyCodes.DeviceRequired);
    }

    [Fact]
    public async Task WhenTheAppIsNotSignedInThenItCannotEnrolAPasskey()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        var response = await PostAsync(world.Http(), PasskeysAppApi.RegisterOptionsPath, new JsonObject());
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<SoftwareAuthenticator> EnrolAsync(HttpClient http, LinkedPhone linked)
    {
        var tokens = await linked.SignInAsync();
        using var start = await PostAsync(http, PasskeysAppApi.RegisterOptionsPath, new JsonObject(), tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var json = JsonNode.Parse(await start.Content.ReadAsStringAsync())!;
        Assert.Equal(RpId, json["options"]!["rp"]!["id"]!.GetValue<string>());
        var passkey = new SoftwareAuthenticator();
        var credential = passkey.Register(json["options"]!, MobileWorld.Origin);
        using var registered = await PostAsync(http, PasskeysAppApi.RegisterPath,
            new JsonObject { ["ceremonyId"] = json["ceremonyId"]!.GetValue<string>(), ["name"] = "phone", ["credential"] = credential }, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        return passkey;
    }

    private static async Task<(string CeremonyId, string Nonce, JsonNode Options)> SignInOptionsAsync(HttpClient http, Guid deviceId)
    {
        using var response = await PostAsync(http, PasskeysAppApi.SignInOptionsPath, new JsonObject { ["deviceId"] = deviceId.ToString("D") });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotEmpty(json["options"]!["allowCredentials"]!.AsArray());
        return (json["ceremonyId"]!.GetValue<string>(), json["nonce"]!.GetValue<string>(), json["options"]!);
    }

    private static JsonObject SignInBody(Guid deviceId, string ceremonyId, JsonObject credential, string? nonce, string? signature) => new()
    {
        ["deviceId"] = deviceId.ToString("D"),
        ["ceremonyId"] = ceremonyId,
        ["credential"] = credential,
        ["nonce"] = nonce,
        ["signature"] = signature,
    };

    private static string DeviceSignature(ECDsa key, string nonce, Guid deviceId) =>
        DeviceProof.ToBase64Url(key.SignData(DeviceProof.Utf8(DeviceProof.LoginText(nonce, deviceId)), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, JsonNode body, string? accessToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path.TrimStart('/'), UriKind.Relative))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await http.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string code)
    {
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(code, await Laobao.Web.Tests.Security.DeskBrowser.ProblemCodeAsync(response));
    }
}
