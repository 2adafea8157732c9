using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Laobao.Client;
using Laobao.Web.Data;
using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Tests.Features.DeviceLinking;

namespace Laobao.Web.Tests.Features.MobileApi;

/// <summary>Linking refused over HTTP: wrong number, expired, reused and other people's tickets, another key, no activation.</summary>
public sealed class LinkRefusalTests : IAsyncLifetime, IDisposable
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private MobileWorld world = null!;
    private LaobaoApiClient phone = null!;

    public async Task InitializeAsync()
    {
        world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        phone = world.Phone();
    }

    public async Task DisposeAsync() => await world.DisposeAsync();

    public void Dispose() => key.Dispose();

    [Fact]
    public async Task WhenTheWrongNumberIsPickedThenThePhoneIsNotLinked()
    {
        var desk = await world.DeskAsync(People.Wang);
        var ticket = TicketOf(await desk.TicketAsync());
        var accepted = await phone.LinkDeviceAsync(Request(ticket, key));
        var pending = (await desk.PendingAsync())!;

        var result = await desk.ConfirmAsync(accepted.LinkId, pending.Choices.First(c => c != accepted.MatchNumber));

        Assert.Equal(DeviceLinkStatuses.Refused, result.Status);
        Assert.Equal((DeviceLinkStatuses.Refused, (Guid?)null), ToTuple(await phone.GetDeviceLinkAsync(accepted.LinkId)));
    }

    [Fact]
    public async Task WhenTheTicketExpiredOrWasUsedThenItIsRefused()
    {
        var desk = await world.DeskAsync(People.Wang);
        var stale = TicketOf(await desk.TicketAsync());
        world.Time.Advance(DeviceLinkService.TicketLifetime);
        Assert.Equal(ApiErrorCodes.TicketInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.LinkDeviceAsync(Request(stale, key)))).Code);

        var fresh = TicketOf(await desk.TicketAsync());
        await phone.LinkDeviceAsync(Request(fresh, key));
        using var second = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var reused = await Assert.ThrowsAsync<LaobaoApiException>(() => phone.LinkDeviceAsync(Request(fresh, second)));
        Assert.Equal((400, ApiErrorCodes.TicketInvalid), (reused.Status, reused.Code));
    }

    [Fact]
    public async Task WhenAnotherPersonsDeskConfirmsThenTheLinkIsNotFoundForThem()
    {
        var wang = await world.DeskAsync(People.Wang);
        var chen = await world.DeskAsync(People.Chen);
        var accepted = await phone.LinkDeviceAsync(Request(TicketOf(await wang.TicketAsync()), key));

        Assert.Null(await chen.PendingAsync());
        using var response = await chen.PostAsync(DeviceLinkingDeskApi.ConfirmPath, new DeskConfirmRequest(accepted.LinkId, accepted.MatchNumber));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(DeviceLinkStatuses.Pending, (await phone.GetDeviceLinkAsync(accepted.LinkId)).Status);
    }

    [Fact]
    public async Task WhenAnotherKeySignedTheTicketThenItIsRefused()
    {
        var desk = await world.DeskAsync(People.Wang);
        var ticket = TicketOf(await desk.TicketAsync());
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = Request(ticket, key) with { Signature = PhoneKey.Sign(other, DeviceProof.LinkText(ticket)) };

        var error = await Assert.ThrowsAsync<LaobaoApiException>(() => phone.LinkDeviceAsync(forged));
        Assert.Equal((401, ApiErrorCodes.DeviceSignatureInvalid), (error.Status, error.Code));
    }

    [Fact]
    public async Task WithoutAnActiveAccountNoTicketIsDrawn()
    {
        var desk = await world.DeskAsync(People.Smith);
        Assert.Contains("needs-activation", desk.DevicesPage, StringComparison.Ordinal);
        using var response = await desk.PostAsync(DeviceLinkingDeskApi.TicketPath, new { });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode); // no antiforgery token is even offered
    }

    [Fact]
    public async Task WithoutTheAntiforgeryTokenTheDeskRefuses()
    {
        var desk = await world.DeskAsync(People.Wang);
        using var bare = await new DeskBrowser(desk.Http, null, desk.DevicesPage).PostAsync(DeviceLinkingDeskApi.TicketPath, new { });
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        using var problem = JsonDocument.Parse(await bare.Content.ReadAsStringAsync());
        Assert.Equal(ApiErrorCodes.RequestMalformed, problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task TheDeskShowsTheManualCodeAndTheQrPointsAtTheApp()
    {
        var desk = await world.DeskAsync(People.Wang);
        var ticket = await desk.TicketAsync();
        Assert.Matches("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$", ticket.ManualCode);
        Assert.Equal(ticket.Url, QrDecoder.DecodeDataUri(ticket.Qr));
        Assert.Equal(10, ticket.RedrawSeconds);
        var accepted = await phone.LinkDeviceAsync(Request(ticket.ManualCode, key));
        Assert.Equal(("王○明", MobileWorld.Origin), (accepted.Holder, accepted.Site));
    }

    private static string TicketOf(DeskTicketView ticket) => ticket.Url[(ticket.Url.IndexOf("#link=", StringComparison.Ordinal) + 6)..];

    private static DeviceLinkRequest Request(string ticket, ECDsa signer) =>
        new(ticket, PhoneKey.PublicKey(signer), "Pixel 9", "android", PhoneKey.Sign(signer, DeviceProof.LinkText(ticket)));

    private static (string, Guid?) ToTuple(DeviceLinkStatus status) => (status.Status, status.DeviceId);
}
