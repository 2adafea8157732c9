using System.Security.Cryptography;
using Fido2NetLib;
using Fido2NetLib.Exceptions;
using Fido2NetLib.Objects;
using Laobao.Web.Data;
using Laobao.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Features.Passkeys;

/// <summary>Options handed to the page, with the id of the stored ceremony the answer must name.</summary>
public sealed record PasskeyCeremonyStart<TOptions>(string CeremonyId, TOptions Options);

/// <summary>The outcome of finishing a ceremony: the credential, or the stable code of the refusal.</summary>
public sealed record PasskeyOutcome(PasskeyCredential? Credential, string? Code, string? PersonIdNumber)
{
    public static PasskeyOutcome Refused(string code, string? personIdNumber = null) => new(null, code, personIdNumber);
}

/// <summary>
/// The WebAuthn ceremonies of SPEC §11 through the Fido2 library (it parses CBOR, COSE keys and attestation; nothing
/// here does): registration after a card sign-in and usernameless sign-in, resident keys and user verification
/// required, the relying party id the host of <c>Desk:Origin</c>, and each ceremony single-use in the database.
/// </summary>
public sealed class PasskeyService(LaobaoDbContext db, TimeProvider time, IOptions<DeskOptions> desk, IOptions<PasskeyOptions> options)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private Fido2 Library()
    {
        var origin = desk.Value.Origin;
        return new Fido2(
            new Fido2Configuration
            {
                RPID = new Uri(origin).Host,
                RPName = options.Value.RelyingPartyName,
                Origins = new HashSet<string>(StringComparer.Ordinal) { origin },
                Timeout = (uint)Lifetime.TotalMilliseconds,
            },
            null);
    }

    public async Task<PasskeyCeremonyStart<CredentialCreateOptions>?> BeginRegistrationAsync(
        string personIdNumber, string displayName, string maskedId, string purpose, string binding, CancellationToken cancellationToken)
    {
        var existing = await db.Set<PasskeyCredential>().AsNoTracking()
            .Where(p => p.PersonIdNumber == personIdNumber)
            .Select(p => new { p.CredentialId, p.UserHandle })
            .ToListAsync(cancellationToken);
        if (existing.Count >= options.Value.MaxPerPerson)
        {
            return null;
        }

        var user = new Fido2User
        {
            // One random handle per person, kept with each of their passkeys: the authenticator sees no ID number.
            Id = existing.Count > 0 ? existing[0].UserHandle : RandomNumberGenerator.GetBytes(32),
            Name = maskedId,
            DisplayName = displayName,
        };
        var allowList = options.Value.AllowedAaguids.Count > 0;
        var created = Library().RequestNewCredential(new RequestNewCredentialParams
        {
            User = user,
            ExcludeCredentials = [.. existing.Select(e => new PublicKeyCredentialDescriptor(e.CredentialId))],
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Required,
                UserVerification = UserVerificationRequirement.Required,
            },
            AttestationPreference = allowList ? AttestationConveyancePreference.Direct : AttestationConveyancePreference.None,
            PubKeyCredParams = PubKeyCredParam.Defaults,
        });
        var id = await StoreCeremonyAsync(purpose, binding, personIdNumber, created.ToJson(), cancellationToken);
        return new PasskeyCeremonyStart<CredentialCreateOptions>(id, created);
    }

    public async Task<PasskeyOutcome> FinishRegistrationAsync(
        string personIdNumber, string purpose, string? ceremonyId, string binding, string? name, AuthenticatorAttestationRawResponse? response,
        string kind, Guid? deviceId, CancellationToken cancellationToken)
    {
        if (response?.Response is null || response.RawId is null || string.IsNullOrEmpty(ceremonyId))
        {
            return PasskeyOutcome.Refused(PasskeyCodes.RequestMalformed, personIdNumber);
        }

        var (ceremony, code) = await RedeemAsync(purpose, ceremonyId, binding, cancellationToken);
        if (ceremony is null || ceremony.PersonIdNumber != personIdNumber)
        {
            return PasskeyOutcome.Refused(code ?? PasskeyCodes.ChallengeUnknown, personIdNumber);
        }

        RegisteredPublicKeyCredential registered;
        try
        {
            registered = await Library().MakeNewCredentialAsync(
                new MakeNewCredentialParams
                {
                    AttestationResponse = response,
                    OriginalOptions = CredentialCreateOptions.FromJson(ceremony.OptionsJson),
                    IsCredentialIdUniqueToUserCallback = async (args, ct) =>
                        !await db.Set<PasskeyCredential>().AnyAsync(p => p.CredentialId == args.CredentialId, ct),
                },
                cancellationToken);
        }
        catch (Fido2VerificationException e)
        {
            return PasskeyOutcome.Refused(CodeFor(e.Code, registration: true), personIdNumber);
        }
        catch (FormatException)
        {
            return PasskeyOutcome.Refused(PasskeyCodes.Invalid, personIdNumber);
        }
        catch (ArgumentException)
        {
            return PasskeyOutcome.Refused(PasskeyCodes.Invalid, personIdNumber);
        }
        catch (InvalidOperationException)
        {
            return PasskeyOutcome.Refused(PasskeyCodes.Invalid, personIdNumber);
        }
        catch (CryptographicException)
        {
            return PasskeyOutcome.Refused(PasskeyCodes.Invalid, personIdNumber);
        }

        var allowed = options.Value.AllowedAaguids;
        if (allowed.Count > 0 && (registered.AttestationFormat == "none" || !allowed.Contains(registered.AaGuid)))
        {
            return PasskeyOutcome.Refused(PasskeyCodes.AuthenticatorNotAllowed, personIdNumber);
        }

        var credential = new PasskeyCredential
        {
            Id = Guid.NewGuid(),
            PersonIdNumber = personIdNumber,
            CredentialId = registered.Id,
            PublicKey = registered.PublicKey,
            UserHandle = registered.User.Id,
            SignCount = registered.SignCount,
            AaGuid = registered.AaGuid,
            AttestationFormat = registered.AttestationFormat ?? "none",
            Name = CleanName(name),
            Kind = kind,
            DeviceId = deviceId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Set<PasskeyCredential>().Add(credential);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two nodes racing on one credential id: the unique index lets one win.
            db.ChangeTracker.Clear();
            return PasskeyOutcome.Refused(PasskeyCodes.AlreadyRegistered, personIdNumber);
        }

        return new PasskeyOutcome(credential, null, personIdNumber);
    }

    public async Task<PasskeyCeremonyStart<AssertionOptions>> BeginSignInAsync(
        string purpose, string binding, IReadOnlyList<byte[]>? allowed, CancellationToken cancellationToken)
    {
        var assertion = Library().GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = allowed is null ? [] : [.. allowed.Select(id => new PublicKeyCredentialDescriptor(id))],
            UserVerification = UserVerificationRequirement.Required,
        });
        var id = await StoreCeremonyAsync(purpose, binding, null, assertion.ToJson(), cancellationToken);
        return new PasskeyCeremonyStart<AssertionOptions>(id, assertion);
    }

    /// <summary>
    /// Verifies an assertion: the ceremony is this browser's (or device's) and unused, the credential registered, the user
    /// handle its owner's, the origin and relying party this e-desk's, user verification done, the signature right, and
    /// the counter moving forward. On success the counter and last use are stored.
    /// </summary>
    public async Task<PasskeyOutcome> FinishSignInAsync(
        string purpose, string? ceremonyId, string binding, AuthenticatorAssertionRawResponse? response, Func<PasskeyCredential, bool>? eligible,
        CancellationToken cancellationToken)
    {
        if (response?.Response is null || response.RawId is not { Length: > 0 } rawId || string.IsNullOrEmpty(ceremonyId)
            || response.Response.AuthenticatorData is null || response.Response.Signature is null || response.Response.ClientDataJson is null)
        {
            return PasskeyOutcome.Refused(PasskeyCodes.RequestMalformed);
        }

        var (ceremony, code) = await RedeemAsync(purpose, ceremonyId, binding, cancellationToken);
        if (ceremony is null)
        {
            return PasskeyOutcome.Refused(code!);
        }

        var credential = await db.Set<PasskeyCredential>().SingleOrDefaultAsync(p => p.CredentialId == rawId, cancellationToken);
        if (credential is null)
        {
            return PasskeyOutcome.Refused(PasskeyCodes.Unknown);
        }

        if (eligible is not null && !eligible(credential))
        {
            return PasskeyOutcome.Refused(PasskeyCodes.DeviceRequired, credential.PersonIdNumber);
        }

        // A usernameless sign-in names the person only through the user handle: it must be the one stored with this key.
        if (response.Response.UserHandle is not { Length: > 0 } handle || !CryptographicOperations.FixedTimeEquals(handle, credential.UserHandle))
        {
            return PasskeyOutcome.Refused(PasskeyCodes.UserMismatch, credential.PersonIdNumber);
        }

        // Said plainly before the library's own checks: an answer made for another origin (a look-alike site).
        if (ClientDataOrigin(response.Response.ClientDataJson) is { } origin && !string.Equals(origin, desk.Value.Origin, StringComparison.Ordinal))
        {
            return PasskeyOutcome.Refused(PasskeyCodes.OriginMismatch, credential.PersonIdNumber);
        }

        VerifyAssertionResult verified;
        try
        {
            verified = await Library().MakeAssertionAsync(
                new MakeAssertionParams
                {
                    AssertionResponse = response,
                    OriginalOptions = AssertionOptions.FromJson(ceremony.OptionsJson),
                    StoredPublicKey = credential.PublicKey,
                    StoredSignatureCounter = (uint)credential.SignCount,
                    IsUserHandleOwnerOfCredentialIdCallback = (args, _) => Task.FromResult(
                        args.UserHandle is not null && args.UserHandle.AsSpan().SequenceEqual(credential.UserHandle)
                        && args.CredentialId.AsSpan().SequenceEqual(credential.CredentialId)),
                },
                cancellationToken);
        }
        catch (Fido2VerificationException e)
        {
            return PasskeyOutcome.Refused(CodeFor(e.Code, registration: false), credential.PersonIdNumber);
        }
        catch (FormatException)
        {
            return PasskeyOutcome.Refused(PasskeyCodes.Invalid, credential.PersonIdNumber);
        }
        catch (ArgumentException)
        {
            return PasskeyOutcome.Refused(PasskeyCodes.Invalid, credential.PersonIdNumber);
        }
        catch (InvalidOperationException)
        {
            return PasskeyOutcome.Refused(PasskeyCodes.Invalid, credential.PersonIdNumber);
        }
        catch (CryptographicException)
        {
            return PasskeyOutcome.Refused(PasskeyCodes.Invalid, credential.PersonIdNumber);
        }

        // Conditional on the counter read above: of two nodes verifying the same counter value, only one moves it on.
        var now = time.GetUtcNow().UtcDateTime;
        var stored = credential.SignCount;
        var moved = await db.Set<PasskeyCredential>()
            .Where(p => p.Id == credential.Id && p.SignCount == stored)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.SignCount, (long)verified.SignCount).SetProperty(p => p.LastUsedAt, now), cancellationToken);
        if (moved != 1 && verified.SignCount != 0)
        {
            return PasskeyOutcome.Refused(PasskeyCodes.CounterRegressed, credential.PersonIdNumber);
        }

        credential.SignCount = verified.SignCount;
        credential.LastUsedAt = now;
        return new PasskeyOutcome(credential, null, credential.PersonIdNumber);
    }

    /// <summary>The <c>origin</c> member of the client data (JSON, as the browser wrote it), or null when it cannot be read.</summary>
    private static string? ClientDataOrigin(byte[] clientDataJson)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(clientDataJson);
            return json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && json.RootElement.TryGetProperty("origin", out var origin) && origin.ValueKind == System.Text.Json.JsonValueKind.String
                ? origin.GetString()
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<PasskeyCredential>> ListAsync(string personIdNumber, CancellationToken cancellationToken) =>
        await db.Set<PasskeyCredential>().AsNoTracking()
            .Where(p => p.PersonIdNumber == personIdNumber)
            .OrderBy(p => p.CreatedAt)
            .ToListAsync(cancellationToken);

    /// <summary>Removes one of the person's passkeys; false when it is not theirs or already gone.</summary>
    public async Task<bool> RemoveAsync(string personIdNumber, Guid id, CancellationToken cancellationToken) =>
        await db.Set<PasskeyCredential>().Where(p => p.Id == id && p.PersonIdNumber == personIdNumber).ExecuteDeleteAsync(cancellationToken) == 1;

    /// <summary>Every passkey of the person goes (the account closed): none signs in again.</summary>
    public Task<int> RevokeAllAsync(string personIdNumber, CancellationToken cancellationToken) =>
        db.Set<PasskeyCredential>().Where(p => p.PersonIdNumber == personIdNumber).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The passkeys bound to one linked device go when the device is unlinked.</summary>
    public Task<int> RevokeDeviceAsync(Guid deviceId, CancellationToken cancellationToken) =>
        db.Set<PasskeyCredential>().Where(p => p.DeviceId == deviceId).ExecuteDeleteAsync(cancellationToken);

    public static string CleanName(string? name)
    {
        var trimmed = (name ?? "").Trim();
        trimmed = new string([.. trimmed.Where(c => !char.IsControl(c))]);
        return trimmed.Length switch
        {
            0 => "Passkey",
            > 64 => trimmed[..64],
            _ => trimmed,
        };
    }

    internal static string CodeFor(Fido2ErrorCode code, bool registration) => code switch
    {
        Fido2ErrorCode.InvalidRpidHash => PasskeyCodes.RelyingPartyMismatch,
        Fido2ErrorCode.InvalidAuthenticatorResponse or Fido2ErrorCode.CrossOriginRequestNotAllowed
            or Fido2ErrorCode.InvalidAuthenticatorResponseTopOrigin => PasskeyCodes.OriginMismatch,
        Fido2ErrorCode.InvalidAuthenticatorResponseChallenge or Fido2ErrorCode.MissingAuthenticatorResponseChallenge => PasskeyCodes.ChallengeMismatch,
        Fido2ErrorCode.InvalidSignature => PasskeyCodes.SignatureInvalid,
        Fido2ErrorCode.InvalidSignCount => PasskeyCodes.CounterRegressed,
        Fido2ErrorCode.UserVerificationRequirementNotMet or Fido2ErrorCode.UserPresentFlagNotSet => PasskeyCodes.UserVerificationMissing,
        Fido2ErrorCode.NonUniqueCredentialId => PasskeyCodes.AlreadyRegistered,
        Fido2ErrorCode.InvalidAssertionResponse when !registration => PasskeyCodes.UserMismatch,
        _ => PasskeyCodes.Invalid,
    };

    private async Task<string> StoreCeremonyAsync(string purpose, string binding, string? personIdNumber, string json, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = Base64Url(RandomNumberGenerator.GetBytes(32));
        var cutoff = (now - Retention).UtcDateTime;
        await db.Set<PasskeyCeremony>().Where(c => c.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        db.Set<PasskeyCeremony>().Add(new PasskeyCeremony
        {
            IdHash = Hashes.Sha256Hex(id),
            BindingHash = Hashes.Sha256Hex(binding),
            Purpose = purpose,
            PersonIdNumber = personIdNumber,
            OptionsJson = json,
            CreatedAt = now.UtcDateTime,
            ExpiresAt = (now + Lifetime).UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    /// <summary>One conditional UPDATE takes the ceremony, so a replayed answer finds it used; another session's is unknown.</summary>
    private async Task<(PasskeyCeremony? Ceremony, string? Code)> RedeemAsync(string purpose, string ceremonyId, string binding, CancellationToken cancellationToken)
    {
        if (ceremonyId.Length > 100)
        {
            return (null, PasskeyCodes.ChallengeUnknown);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var idHash = Hashes.Sha256Hex(ceremonyId);
        var bindingHash = Hashes.Sha256Hex(binding);
        var taken = await db.Set<PasskeyCeremony>()
            .Where(c => c.IdHash == idHash && c.BindingHash == bindingHash && c.Purpose == purpose && c.ConsumedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedAt, now), cancellationToken);
        if (taken != 1)
        {
            return (null, PasskeyCodes.ChallengeUnknown);
        }

        var ceremony = await db.Set<PasskeyCeremony>().AsNoTracking().SingleAsync(c => c.IdHash == idHash, cancellationToken);
        return now > DateTime.SpecifyKind(ceremony.ExpiresAt, DateTimeKind.Utc) ? (null, PasskeyCodes.ChallengeExpired) : (ceremony, null);
    }

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
