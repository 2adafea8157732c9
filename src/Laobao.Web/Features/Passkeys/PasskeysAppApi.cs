using Fido2NetLib;
using Laobao.Client;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Security;
using Laobao.Web.Security.Challenges;
using Laobao.Web.Security.DeviceKeys;
using Laobao.Web.Security.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Features.Passkeys;

public sealed record AppPasskeyRegistrationRequest(string? CeremonyId, string? Name, AuthenticatorAttestationRawResponse? Credential);

public sealed record AppPasskeySignInOptionsRequest(Guid DeviceId);

public sealed record AppPasskeySignInRequest(Guid DeviceId, string? CeremonyId, AuthenticatorAssertionRawResponse? Credential, string? Nonce, string? Signature);

/// <summary>
/// The app's platform passkey (SPEC §11): enrolled after a sign-in with email + password + device key, bound to that
/// linked device, and then used instead of the password — the device-key signature over a server nonce is still
/// required, so a passkey alone (or a passkey on another device) signs nobody in to the app.
/// </summary>
public static class PasskeysAppApi
{
    public const string RegisterOptionsPath = "/api/v1/me/passkeys/options";
    public const string RegisterPath = "/api/v1/me/passkeys";
    public const string SignInOptionsPath = "/api/v1/sessions/passkey/options";
    public const string SignInPath = "/api/v1/sessions/passkey";

    public const string AuditRegister = "app-passkey-register";
    public const string AuditSignIn = "app-passkey-sign-in";

    public static IEndpointRouteBuilder MapPasskeysAppApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("").DisableAntiforgery().WithTags("passkeys");
        var me = api.MapGroup("").RequireAuthorization(MobileClaims.Policy);
        me.MapPost(RegisterOptionsPath, RegisterOptionsAsync).WithName("PasskeyRegistrationOptions");
        me.MapPost(RegisterPath, RegisterAsync).WithName("RegisterPasskey");
        api.MapPost(SignInOptionsPath, SignInOptionsAsync).WithName("PasskeySignInOptions");
        api.MapPost(SignInPath, SignInAsync).WithName("PasskeySignIn");
        return endpoints;
    }

    private static string Binding(Guid deviceId) => "app-device:" + deviceId.ToString("D");

    private static async Task<IResult> RegisterOptionsAsync(HttpContext context, PasskeyService passkeys, Data.LaobaoDbContext db, CancellationToken cancellationToken)
    {
        var principal = MobileClaims.Read(context.User);
        var person = await db.Persons.AsNoTracking().Where(p => p.IdNumber == principal.PersonIdNumber).Select(p => p.Name).SingleAsync(cancellationToken);
        var masked = Laobao.Domain.Identity.TaiwanId.Parse(principal.PersonIdNumber).Masked;
        var start = await passkeys.BeginRegistrationAsync(principal.PersonIdNumber, person, masked, PasskeyPurposes.AppRegister, Binding(principal.DeviceId), cancellationToken);
        return start is null ? PasskeyCodes.Problem(PasskeyCodes.TooMany) : PasskeysDeskApi.Options(start.CeremonyId, start.Options.ToJson());
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, PasskeyService passkeys, PasskeyAudit audit, CancellationToken cancellationToken)
    {
        var principal = MobileClaims.Read(context.User);
        var request = await PasskeyJson.ReadAsync<AppPasskeyRegistrationRequest>(context.Request, cancellationToken);
        var outcome = await passkeys.FinishRegistrationAsync(
            principal.PersonIdNumber, PasskeyPurposes.AppRegister, request?.CeremonyId, Binding(principal.DeviceId), request?.Name, request?.Credential,
            PasskeyKinds.App, principal.DeviceId, cancellationToken);
        await audit.RecordAsync(AuditRegister, outcome.Code ?? "ok", principal.PersonIdNumber, cancellationToken);
        return outcome.Credential is { } credential
            ? Results.Ok(new { id = credential.Id, name = credential.Name })
            : PasskeyCodes.Problem(outcome.Code!);
    }

    /// <summary>The passkey options (only this device's app passkeys allowed) and the device-key nonce, in one answer.</summary>
    private static async Task<IResult> SignInOptionsAsync(
        HttpContext context, PasskeyService passkeys, ChallengeService challenges, Data.LaobaoDbContext db, AttemptLimiter limiter,
        IOptions<PasskeyOptions> options, CancellationToken cancellationToken)
    {
        var request = await PasskeyJson.ReadAsync<AppPasskeySignInOptionsRequest>(context.Request, cancellationToken);
        if (request is null || request.DeviceId == Guid.Empty)
        {
            return PasskeyCodes.Problem(PasskeyCodes.RequestMalformed);
        }

        if (await limiter.IsLimitedAsync(AddressKey(context), options.Value.FailuresPerAddress, cancellationToken))
        {
            return PasskeyCodes.Problem(PasskeyCodes.RateLimited);
        }

        var allowed = await db.Set<PasskeyCredential>().AsNoTracking()
            .Where(p => p.DeviceId == request.DeviceId && p.Kind == PasskeyKinds.App)
            .Select(p => p.CredentialId)
            .ToListAsync(cancellationToken);
        var linked = await db.Set<LinkedDevice>().AsNoTracking().AnyAsync(d => d.Id == request.DeviceId && d.UnlinkedAt == null, cancellationToken);
        if (!linked || allowed.Count == 0)
        {
            return PasskeyCodes.Problem(PasskeyCodes.DeviceRequired);
        }

        var start = await passkeys.BeginSignInAsync(PasskeyPurposes.AppSignIn, Binding(request.DeviceId), allowed, cancellationToken);
        var nonce = await challenges.IssueAsync(SessionHandler.NoncePurpose, "device:" + request.DeviceId.ToString("D"), cancellationToken);
        return Results.Content(
            "{\"ceremonyId\":" + System.Text.Json.JsonSerializer.Serialize(start.CeremonyId)
            + ",\"nonce\":" + System.Text.Json.JsonSerializer.Serialize(nonce.Nonce)
            + ",\"options\":" + start.Options.ToJson() + "}",
            "application/json");
    }

    /// <summary>Both proofs or nothing: the device key over the nonce, then the passkey bound to that same device.</summary>
    private static async Task<IResult> SignInAsync(
        HttpContext context, PasskeyService passkeys, SessionHandler sessions, TokenService tokens, AttemptLimiter limiter, PasskeyAudit audit,
        IOptions<PasskeyOptions> options, CancellationToken cancellationToken)
    {
        var addressKey = AddressKey(context);
        if (await limiter.IsLimitedAsync(addressKey, options.Value.FailuresPerAddress, cancellationToken))
        {
            await audit.RecordAsync(AuditSignIn, PasskeyCodes.RateLimited, null, cancellationToken);
            return PasskeyCodes.Problem(PasskeyCodes.RateLimited);
        }

        var request = await PasskeyJson.ReadAsync<AppPasskeySignInRequest>(context.Request, cancellationToken);
        if (request is null || request.DeviceId == Guid.Empty)
        {
            return PasskeyCodes.Problem(PasskeyCodes.RequestMalformed);
        }

        // Without a device signature there is nothing to check: the passkey alone never signs in to the app.
        if (string.IsNullOrEmpty(request.Nonce) || string.IsNullOrEmpty(request.Signature))
        {
            await limiter.RecordFailureAsync([addressKey], cancellationToken);
            await audit.RecordAsync(AuditSignIn, PasskeyCodes.DeviceRequired, null, cancellationToken);
            return PasskeyCodes.Problem(PasskeyCodes.DeviceRequired);
        }

        var (device, proofError) = await sessions.CheckDeviceProofAsync(request.DeviceId, request.Nonce, request.Signature, cancellationToken);
        if (device is null)
        {
            await limiter.RecordFailureAsync([addressKey], cancellationToken);
            await audit.RecordAsync(AuditSignIn, proofError!, null, cancellationToken);
            return ApiProblems.For(proofError!, "The device signature is missing or does not verify.");
        }

        var outcome = await passkeys.FinishSignInAsync(
            PasskeyPurposes.AppSignIn, request.CeremonyId, Binding(request.DeviceId), request.Credential,
            credential => credential.Kind == PasskeyKinds.App && credential.DeviceId == device.Id && credential.PersonIdNumber == device.PersonIdNumber,
            cancellationToken);
        if (outcome.Credential is null)
        {
            await limiter.RecordFailureAsync([addressKey], cancellationToken);
            await audit.RecordAsync(AuditSignIn, outcome.Code!, device.PersonIdNumber, cancellationToken);
            return PasskeyCodes.Problem(outcome.Code!);
        }

        await tokens.PurgeExpiredAsync(cancellationToken);
        var issued = await tokens.IssueAsync(device.PersonIdNumber, device.Id, null, cancellationToken);
        await audit.RecordAsync(AuditSignIn, "ok", device.PersonIdNumber, cancellationToken);
        return Results.Ok(new TokenResponse(issued.AccessToken, issued.ExpiresIn, issued.RefreshToken));
    }

    private static string AddressKey(HttpContext context) => "pk-ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
