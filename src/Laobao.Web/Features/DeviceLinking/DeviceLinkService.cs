using System.Security.Cryptography;
using Laobao.Client;
using Laobao.Web.Data;
using Laobao.Web.Data.Entities;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Security;
using Laobao.Web.Security.DeviceKeys;
using Laobao.Web.Security.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Features.DeviceLinking;

public sealed record IssuedTicket(string Ticket, string ManualCode, string Url, DateTimeOffset ExpiresAt);

public sealed record PendingLink(Guid LinkId, string DeviceName, string Platform, IReadOnlyList<string> Choices, DateTimeOffset ExpiresAt);

/// <summary>Outcome of presenting a ticket: either the accepted link or a stable error code.</summary>
public sealed record PresentResult(DeviceLinkAccepted? Accepted, string? ErrorCode, string? PersonIdNumber);

/// <summary>Outcome of the person's pick on the e-desk.</summary>
public sealed record ConfirmResult(string Status, Guid? DeviceId, LinkedDevice? Device);

/// <summary>
/// Linking a phone (SPEC §6). Tickets: 16 random bytes (128 bits, base64url) plus an 8-letter manual code that
/// names the same ticket; single use; three minutes, cut to <see cref="SupersededGrace"/> once the next is drawn.
/// </summary>
public sealed class DeviceLinkService(LaobaoDbContext db, TimeProvider time, TokenService tokens, IMobileAccountDirectory accounts)
{
    public const string ManualAlphabet = "BCDFGHJKLMNPQRSTVWXZ";
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan AttemptLifetime = TimeSpan.FromMinutes(3);

    /// <summary>A phone that scanned just before the QR was re-drawn still gets through; a screenshot does not.</summary>
    public static readonly TimeSpan SupersededGrace = TimeSpan.FromSeconds(20);

    public async Task<IssuedTicket> IssueTicketAsync(string personIdNumber, string origin, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var graceEnd = now + SupersededGrace;
        await db.Set<DeviceLinkTicket>()
            .Where(t => t.PersonIdNumber == personIdNumber && t.ConsumedAt == null && t.ExpiresAt > graceEnd)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, graceEnd), cancellationToken);
        await db.Set<DeviceLinkTicket>().Where(t => t.ExpiresAt < now.AddHours(-1)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<DeviceLinkAttempt>().Where(a => a.ExpiresAt < now.AddHours(-1)).ExecuteDeleteAsync(cancellationToken);

        var ticket = DeviceProof.ToBase64Url(RandomNumberGenerator.GetBytes(16));
        var manual = new string(RandomNumberGenerator.GetItems<char>(ManualAlphabet, 8));
        var expiresAt = now + TicketLifetime;
        db.Set<DeviceLinkTicket>().Add(new DeviceLinkTicket
        {
            TicketHash = Hashes.Sha256Hex(ticket),
            ManualCodeHash = Hashes.Sha256Hex(manual),
            PersonIdNumber = personIdNumber,
            IssuedAt = now,
            ExpiresAt = expiresAt,
        });
        await db.SaveChangesAsync(cancellationToken);
        var shown = string.Concat(manual.AsSpan(0, 4), "-", manual.AsSpan(4));
        return new IssuedTicket(ticket, shown, origin + "/app/#link=" + ticket, new DateTimeOffset(expiresAt, TimeSpan.Zero));
    }

    /// <summary>
    /// The phone's call: the ticket (QR value or manual code, signed exactly as sent), a P-256 key and a signature
    /// over <c>laobao:device-link:v1\nticket=&lt;ticket&gt;</c>. The ticket is spent only after the signature checks out.
    /// </summary>
    public async Task<PresentResult> PresentAsync(DeviceLinkRequest request, string site, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Ticket) || request.Ticket.Length > 64
            || string.IsNullOrWhiteSpace(request.DeviceName) || request.DeviceName.Length > 64
            || string.IsNullOrWhiteSpace(request.Platform) || request.Platform.Length > 32)
        {
            return Refused(ApiErrorCodes.RequestMalformed);
        }

        var spki = DeviceSignatureVerifier.ParsePublicKey(request.PublicKey);
        if (spki is null)
        {
            return Refused(ApiErrorCodes.PublicKeyInvalid);
        }

        var hash = TicketLookupHash(request.Ticket, out var isManual);
        var now = time.GetUtcNow().UtcDateTime;
        var candidates = db.Set<DeviceLinkTicket>().AsNoTracking().Where(t => t.ConsumedAt == null && t.ExpiresAt > now);
        var ticket = await (isManual ? candidates.Where(t => t.ManualCodeHash == hash) : candidates.Where(t => t.TicketHash == hash))
            .OrderByDescending(t => t.IssuedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (ticket is null)
        {
            return Refused(ApiErrorCodes.TicketInvalid);
        }

        if (!DeviceSignatureVerifier.Verify(spki, DeviceProof.LinkText(request.Ticket), request.Signature))
        {
            return Refused(ApiErrorCodes.DeviceSignatureInvalid);
        }

        var taken = await db.Set<DeviceLinkTicket>()
            .Where(t => t.TicketHash == ticket.TicketHash && t.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now), cancellationToken);
        if (taken != 1)
        {
            return Refused(ApiErrorCodes.TicketInvalid);
        }

        var person = await db.Set<Person>().AsNoTracking().SingleAsync(p => p.IdNumber == ticket.PersonIdNumber, cancellationToken);
        var match = RandomNumberGenerator.GetInt32(10, 100);
        var attempt = new DeviceLinkAttempt
        {
            Id = Guid.NewGuid(),
            PersonIdNumber = ticket.PersonIdNumber,
            PublicKeySpki = spki,
            DeviceName = request.DeviceName.Trim(),
            Platform = request.Platform.Trim(),
            MatchNumber = Two(match),
            Choices = string.Join(',', ChoicesAround(match)),
            Status = DeviceLinkStatuses.Pending,
            CreatedAt = now,
            ExpiresAt = now + AttemptLifetime,
        };
        // A newer phone supersedes every request still waiting for this person: the e-desk offers one at a time, and an
        // abandoned one must never come back after the newer one is decided (issue 14, item 10).
        await SupersedeAsync(ticket.PersonIdNumber, null, cancellationToken);
        db.Set<DeviceLinkAttempt>().Add(attempt);
        await db.SaveChangesAsync(cancellationToken);
        var accepted = new DeviceLinkAccepted(attempt.Id, attempt.MatchNumber, MaskName(person.Name), site, new DateTimeOffset(attempt.ExpiresAt, TimeSpan.Zero));
        return new PresentResult(accepted, null, ticket.PersonIdNumber);
    }

    public async Task<DeviceLinkStatus?> StatusAsync(Guid linkId, CancellationToken cancellationToken)
    {
        var attempt = await db.Set<DeviceLinkAttempt>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == linkId, cancellationToken);
        if (attempt is null)
        {
            return null;
        }

        return new DeviceLinkStatus(EffectiveStatus(attempt), attempt.DeviceId);
    }

    /// <summary>The newest phone waiting for this person's pick, with the numbers to offer.</summary>
    public async Task<PendingLink?> PendingAsync(string personIdNumber, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var attempt = await db.Set<DeviceLinkAttempt>().AsNoTracking()
            .Where(a => a.PersonIdNumber == personIdNumber && a.Status == DeviceLinkStatuses.Pending && a.ExpiresAt > now)
            .OrderByDescending(a => a.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return attempt is null
            ? null
            : new PendingLink(attempt.Id, attempt.DeviceName, attempt.Platform, attempt.Choices.Split(','), new DateTimeOffset(attempt.ExpiresAt, TimeSpan.Zero));
    }

    /// <summary>
    /// The person picks a number on the e-desk. One try: a wrong pick refuses the link (the phone must start over),
    /// so a guesser gets one chance in three at most. Another person's link reads as not found.
    /// </summary>
    public async Task<ConfirmResult?> ConfirmAsync(string personIdNumber, Guid linkId, string? choice, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var attempt = await db.Set<DeviceLinkAttempt>().SingleOrDefaultAsync(a => a.Id == linkId && a.PersonIdNumber == personIdNumber, cancellationToken);
        if (attempt is null)
        {
            return null;
        }

        var status = EffectiveStatus(attempt);
        if (status != DeviceLinkStatuses.Pending)
        {
            return new ConfirmResult(status, attempt.DeviceId, null);
        }

        if (!string.Equals(choice, attempt.MatchNumber, StringComparison.Ordinal))
        {
            var refused = await db.Set<DeviceLinkAttempt>()
                .Where(a => a.Id == linkId && a.Status == DeviceLinkStatuses.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, DeviceLinkStatuses.Refused), cancellationToken);
            return new ConfirmResult(refused == 1 ? DeviceLinkStatuses.Refused : await CurrentStatusAsync(linkId, cancellationToken), null, null);
        }

        var device = new LinkedDevice
        {
            Id = Guid.NewGuid(),
            PersonIdNumber = personIdNumber,
            PublicKeySpki = attempt.PublicKeySpki,
            Name = attempt.DeviceName,
            Platform = attempt.Platform,
            LinkedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var won = await db.Set<DeviceLinkAttempt>()
            .Where(a => a.Id == linkId && a.Status == DeviceLinkStatuses.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, DeviceLinkStatuses.Linked).SetProperty(a => a.DeviceId, device.Id), cancellationToken);
        if (won != 1)
        {
            return new ConfirmResult(await CurrentStatusAsync(linkId, cancellationToken), null, null);
        }

        db.Set<LinkedDevice>().Add(device);
        await SupersedeAsync(personIdNumber, linkId, cancellationToken);
        var account = await accounts.ForPersonAsync(personIdNumber, cancellationToken);
        if (account is not null)
        {
            accounts.StageDeviceLinkedMail(account, device.Name, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        accounts.WakeMail();
        return new ConfirmResult(DeviceLinkStatuses.Linked, device.Id, device);
    }

    /// <summary>Refuses every request of the person still pending, but <paramref name="keep"/>; their phones are told to start again.</summary>
    private Task<int> SupersedeAsync(string personIdNumber, Guid? keep, CancellationToken cancellationToken) =>
        db.Set<DeviceLinkAttempt>()
            .Where(a => a.PersonIdNumber == personIdNumber && a.Status == DeviceLinkStatuses.Pending && a.Id != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, DeviceLinkStatuses.Refused), cancellationToken);

    public async Task<IReadOnlyList<LinkedDevice>> DevicesAsync(string personIdNumber, CancellationToken cancellationToken) =>
        await db.Set<LinkedDevice>().AsNoTracking()
            .Where(d => d.PersonIdNumber == personIdNumber && d.UnlinkedAt == null)
            .OrderBy(d => d.LinkedAt)
            .ToListAsync(cancellationToken);

    /// <summary>Unlinks one of the person's devices and ends all its sessions; false when there is no such device.</summary>
    public async Task<bool> UnlinkAsync(string personIdNumber, Guid deviceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var done = await db.Set<LinkedDevice>()
            .Where(d => d.Id == deviceId && d.PersonIdNumber == personIdNumber && d.UnlinkedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.UnlinkedAt, now), cancellationToken);
        if (done != 1)
        {
            return false;
        }

        await tokens.RevokeDeviceAsync(deviceId, cancellationToken);
        // An app passkey is bound to its phone (SPEC §11): unlinking the phone revokes it too.
        await db.Set<Passkeys.PasskeyCredential>().Where(p => p.DeviceId == deviceId).ExecuteDeleteAsync(cancellationToken);
        return true;
    }

    /// <summary>王小明 → 王○明, 陳美 → 陳○: enough for the person to recognise, too little for a bystander.</summary>
    public static string MaskName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name.Trim();
        var chars = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        var elements = new List<string>();
        while (chars.MoveNext())
        {
            elements.Add(chars.GetTextElement());
        }

        return elements.Count switch
        {
            0 => "",
            1 => elements[0],
            2 => elements[0] + "○",
            _ => elements[0] + new string('○', elements.Count - 2) + elements[^1],
        };
    }

    private static string TicketLookupHash(string ticket, out bool isManual)
    {
        var compact = ticket.Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        isManual = compact.Length == 8 && compact.All(c => ManualAlphabet.Contains(c, StringComparison.Ordinal));
        return Hashes.Sha256Hex(isManual ? compact : ticket);
    }

    private string EffectiveStatus(DeviceLinkAttempt attempt) =>
        attempt.Status == DeviceLinkStatuses.Pending && time.GetUtcNow().UtcDateTime >= DateTime.SpecifyKind(attempt.ExpiresAt, DateTimeKind.Utc)
            ? DeviceLinkStatuses.Expired
            : attempt.Status;

    private async Task<string> CurrentStatusAsync(Guid linkId, CancellationToken cancellationToken) =>
        (await StatusAsync(linkId, cancellationToken))?.Status ?? DeviceLinkStatuses.Expired;

    private static List<string> ChoicesAround(int match)
    {
        var numbers = new List<int> { match };
        while (numbers.Count < 3)
        {
            var other = RandomNumberGenerator.GetInt32(10, 100);
            if (!numbers.Contains(other))
            {
                numbers.Add(other);
            }
        }

        RandomNumberGenerator.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(numbers));
        return numbers.ConvertAll(Two);
    }

    private static string Two(int value) => value.ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    private static PresentResult Refused(string code) => new(null, code, null);
}
