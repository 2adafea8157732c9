using System.Security.Cryptography;
using Laobao.Client;
using Laobao.Web.Data;
using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Mail;
using Laobao.Web.Security.Tokens;
using Laobao.Web.Tests.Features.MobileApi;
using Laobao.Web.Tests.Security;
using Microsoft.Extensions.Time.Testing;

namespace Laobao.Web.Tests.Features.DeviceLinking;

public sealed class DeviceLinkServiceTests : IAsyncLifetime, IDisposable
{
    private const string Site = "https://desk.example.tw";
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly ECDsa phone = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private TestDatabase database = null!;
    private LaobaoDbContext db = null!;
    private DeviceLinkService links = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        db = database.Context();
        await People.AddAsync(db);
        await Accounts.AddAsync(db, People.Wang, Accounts.WangEmail, Accounts.WangPassword, MobileAccountStatus.Active, time.GetUtcNow().UtcDateTime);
        links = new DeviceLinkService(db, time, new TokenService(db, time), Accounts.Directory(db, time));
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await database.DisposeAsync();
    }

    public void Dispose() => phone.Dispose();

    [Fact]
    public async Task WhenThePersonPicksThePhonesNumberThenTheDeviceIsLinked()
    {
        var ticket = await links.IssueTicketAsync(People.Wang, Site, CancellationToken.None);
        Assert.Equal(Site + "/app/#link=" + ticket.Ticket, ticket.Url);
        Assert.Equal(22, ticket.Ticket.Length); // 16 random bytes = 128 bits
        Assert.Matches("^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$", ticket.ManualCode);

        var accepted = (await links.PresentAsync(Request(ticket.Ticket, phone), Site, CancellationToken.None)).Accepted!;
        Assert.Equal(("王○明", Site), (accepted.Holder, accepted.Site));
        Assert.Matches("^[1-9][0-9]$", accepted.MatchNumber);
        Assert.Equal(DeviceLinkStatuses.Pending, (await links.StatusAsync(accepted.LinkId, CancellationToken.None))!.Status);

        var pending = (await links.PendingAsync(People.Wang, CancellationToken.None))!;
        Assert.Equal(("Pixel 9", "android"), (pending.DeviceName, pending.Platform));
        Assert.Equal(3, pending.Choices.Distinct().Count());
        Assert.Contains(accepted.MatchNumber, pending.Choices);

        var confirmed = (await links.ConfirmAsync(People.Wang, accepted.LinkId, accepted.MatchNumber, CancellationToken.None))!;
        Assert.Equal(DeviceLinkStatuses.Linked, confirmed.Status);
        var status = (await links.StatusAsync(accepted.LinkId, CancellationToken.None))!;
        Assert.Equal((DeviceLinkStatuses.Linked, confirmed.DeviceId), (status.Status, status.DeviceId));
        var device = Assert.Single(await links.DevicesAsync(People.Wang, CancellationToken.None));
        Assert.Equal(phone.ExportSubjectPublicKeyInfo(), device.PublicKeySpki);
        var mail = Assert.Single(db.Set<OutboxMessage>().ToList());
        Assert.Equal((Accounts.WangEmail, nameof(MailTemplate.DeviceLinked)), (mail.ToAddress, mail.Template));
    }

    [Fact]
    public async Task WhenTheWrongNumberIsPickedThenTheLinkIsRefusedForGood()
    {
        var ticket = await links.IssueTicketAsync(People.Wang, Site, CancellationToken.None);
        var accepted = (await links.PresentAsync(Request(ticket.Ticket, phone), Site, CancellationToken.None)).Accepted!;
        var pending = (await links.PendingAsync(People.Wang, CancellationToken.None))!;
        var wrong = pending.Choices.First(c => c != accepted.MatchNumber);

        Assert.Equal(DeviceLinkStatuses.Refused, (await links.ConfirmAsync(People.Wang, accepted.LinkId, wrong, CancellationToken.None))!.Status);
        Assert.Equal(DeviceLinkStatuses.Refused, (await links.ConfirmAsync(People.Wang, accepted.LinkId, accepted.MatchNumber, CancellationToken.None))!.Status);
        Assert.Empty(await links.DevicesAsync(People.Wang, CancellationToken.None));
        Assert.Null(await links.PendingAsync(People.Wang, CancellationToken.None));
        Assert.Empty(db.Set<OutboxMessage>().ToList());
    }

    [Fact]
    public async Task WhenTheTicketExpiredThenItIsRefused()
    {
        var ticket = await links.IssueTicketAsync(People.Wang, Site, CancellationToken.None);
        time.Advance(DeviceLinkService.TicketLifetime);
        Assert.Equal(ApiErrorCodes.TicketInvalid, (await links.PresentAsync(Request(ticket.Ticket, phone), Site, CancellationToken.None)).ErrorCode);
    }

    [Fact]
    public async Task WhenTheTicketIsReusedThenItIsRefused()
    {
        var ticket = await links.IssueTicketAsync(People.Wang, Site, CancellationToken.None);
        Assert.NotNull((await links.PresentAsync(Request(ticket.Ticket, phone), Site, CancellationToken.None)).Accepted);
        using var thief = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(ApiErrorCodes.TicketInvalid, (await links.PresentAsync(Request(ticket.Ticket, thief), Site, CancellationToken.None)).ErrorCode);
    }

    [Fact]
    public async Task WhenAnotherPersonConfirmsThenTheLinkIsNotFoundForThem()
    {
        var ticket = await links.IssueTicketAsync(People.Wang, Site, CancellationToken.None);
        var accepted = (await links.PresentAsync(Request(ticket.Ticket, phone), Site, CancellationToken.None)).Accepted!;

        Assert.Null(await links.ConfirmAsync(People.Chen, accepted.LinkId, accepted.MatchNumber, CancellationToken.None));
        Assert.Null(await links.PendingAsync(People.Chen, CancellationToken.None));
        Assert.Empty(await links.DevicesAsync(People.Chen, CancellationToken.None));
        Assert.Equal(DeviceLinkStatuses.Pending, (await links.StatusAsync(accepted.LinkId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task WhenAnotherKeySignedThenTheTicketIsRefusedAndNotSpent()
    {
        var ticket = await links.IssueTicketAsync(People.Wang, Site, CancellationToken.None);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = Request(ticket.Ticket, phone) with { Signature = PhoneKey.Sign(other, DeviceProof.LinkText(ticket.Ticket)) };

        Assert.Equal(ApiErrorCodes.DeviceSignatureInvalid, (await links.PresentAsync(forged, Site, CancellationToken.None)).ErrorCode);
        Assert.NotNull((await links.PresentAsync(Request(ticket.Ticket, phone), Site, CancellationToken.None)).Accepted);
    }

    [Fact]
    public async Task TheManualCodeNamesTheSameTicket()
    {
        var ticket = await links.IssueTicketAsync(People.Wang, Site, CancellationToken.None);
        var accepted = (await links.PresentAsync(Request(ticket.ManualCode.ToLowerInvariant(), phone), Site, CancellationToken.None)).Accepted;
        Assert.NotNull(accepted);
        Assert.Equal(ApiErrorCodes.TicketInvalid, (await links.PresentAsync(Request(ticket.Ticket, phone), Site, CancellationToken.None)).ErrorCode);
    }

    [Fact]
    public async Task WhenTheQrIsRedrawnThenTheOldTicketGoesStaleAfterTheGrace()
    {
        var first = await links.IssueTicketAsync(People.Wang, Site, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10));
        var second = await links.IssueTicketAsync(People.Wang, Site, CancellationToken.None);
        time.Advance(DeviceLinkService.SupersededGrace);

        Assert.Equal(ApiErrorCodes.TicketInvalid, (await links.PresentAsync(Request(first.Ticket, phone), Site, CancellationToken.None)).ErrorCode);
        Assert.NotNull((await links.PresentAsync(Request(second.Ticket, phone), Site, CancellationToken.None)).Accepted);
    }

    [Fact]
    public async Task WhenThePhoneWaitsTooLongThenTheLinkExpires()
    {
        var ticket = await links.IssueTicketAsync(People.Wang, Site, CancellationToken.None);
        var accepted = (await links.PresentAsync(Request(ticket.Ticket, phone), Site, CancellationToken.None)).Accepted!;
        time.Advance(DeviceLinkService.AttemptLifetime);

        Assert.Equal(DeviceLinkStatuses.Expired, (await links.ConfirmAsync(People.Wang, accepted.LinkId, accepted.MatchNumber, CancellationToken.None))!.Status);
        Assert.Empty(await links.DevicesAsync(People.Wang, CancellationToken.None));
    }

    [Fact]
    public async Task WhenTheKeyIsNotP256ThenTheRequestIsRefused()
    {
        var ticket = await links.IssueTicketAsync(People.Wang, Site, CancellationToken.None);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Equal(ApiErrorCodes.PublicKeyInvalid, (await links.PresentAsync(Request(ticket.Ticket, p384), Site, CancellationToken.None)).ErrorCode);
    }

    [Theory]
    [InlineData("王小明", "王○明")]
    [InlineData("陳美", "陳○")]
    [InlineData("歐陽娜娜", "歐○○娜")]
    [InlineData("John Smith", "J○○○○○○○○h")]
    public void NamesAreMaskedInTheMiddle(string name, string masked) => Assert.Equal(masked, DeviceLinkService.MaskName(name));

    private static DeviceLinkRequest Request(string ticket, ECDsa key) =>
        new(ticket, PhoneKey.PublicKey(key), "Pixel 9", "android", PhoneKey.Sign(key, DeviceProof.LinkText(ticket)));
}
