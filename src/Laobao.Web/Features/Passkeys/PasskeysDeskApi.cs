using System.Security.Claims;
using System.Text.Json;
using Fido2NetLib;
using Laobao.Domain.Identity;
using Laobao.Web.Data;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Security;
using Laobao.Web.Security.Assurance;
using Laobao.Web.Security.Audit;
using Laobao.Web.Security.Sessions;
using Laobao.Web.Security.Tokens;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Features.Passkeys;

public sealed record PasskeyRegistrationOptionsRequest(string? Name);

public sealed record PasskeyRegistrationRequest(string? CeremonyId, string? Name, AuthenticatorAttestationRawResponse? Credential);

public sealed record PasskeySignInRequest(string? CeremonyId, AuthenticatorAssertionRawResponse? Credential, string? ReturnUrl);

public sealed record PasskeyRegistered(Guid Id, string Name, string Redirect);

public sealed record PasskeySignedIn(string Redirect);

/// <summary>
/// The e-desk's passkey calls (SPEC §11), used by /js/passkeys.js: registering one needs a card session; signing in with
/// one needs nothing but the passkey. Every call carries the antiforgery token; every outcome is audited.
/// </summary>
public static class PasskeysDeskApi
{
    public const string RegisterOptionsPath = "/desk/api/passkeys/options";
    public const string RegisterPath = "/desk/api/passkeys";
    public const string SignInOptionsPath = "/desk/api/passkey-login/options";
    public const string SignInPath = "/desk/api/passkey-login";
    public const string RemovePath = "/desk/passkeys/remove";

    public const string AuditRegister = "passkey-register";
    public const string AuditSignIn = "passkey-login";
    public const string AuditRemove = "passkey-remove";
    public const string AuditRevoke = "passkey-revoke";

    public static IEndpointRouteBuilder MapPasskeysDeskApi(this IEndpointRouteBuilder endpoints)
    {
        var card = endpoints.MapGroup("").RequireAuthorization(AssurancePolicies.Card).DisableAntiforgery().ExcludeFromDescription();
        card.MapPost(RegisterOptionsPath, RegisterOptionsAsync);
        card.MapPost(RegisterPath, RegisterAsync);

        var open = endpoints.MapGroup("").DisableAntiforgery().ExcludeFromDescription();
        open.MapPost(SignInOptionsPath, SignInOptionsAsync);
        open.MapPost(SignInPath, SignInAsync);

        endpoints.MapPost(RemovePath, RemoveAsync).RequireAuthorization(AssurancePolicies.PasskeyOrBetter).DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> RegisterOptionsAsync(HttpContext context, IAntiforgery antiforgery, PasskeyService passkeys, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context) || DeskPerson.From(context.User) is not { } person)
        {
            return PasskeyCodes.Problem(PasskeyCodes.RequestMalformed);
        }

        var start = await passkeys.BeginRegistrationAsync(
            person.IdNumber, person.Name, person.Masked, PasskeyPurposes.DeskRegister, BrowserBinding.GetOrCreate(context), cancellationToken);
        return start is null ? PasskeyCodes.Problem(PasskeyCodes.TooMany) : Options(start.CeremonyId, start.Options.ToJson());
    }

    private static async Task<IResult> RegisterAsync(
        HttpContext context, IAntiforgery antiforgery, PasskeyService passkeys, PasskeyAudit audit, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context) || DeskPerson.From(context.User) is not { } person)
        {
            return PasskeyCodes.Problem(PasskeyCodes.RequestMalformed);
        }

        var request = await PasskeyJson.ReadAsync<PasskeyRegistrationRequest>(context.Request, cancellationToken);
        var outcome = await passkeys.FinishRegistrationAsync(
            person.IdNumber, PasskeyPurposes.DeskRegister, request?.CeremonyId, BrowserBinding.Read(context) ?? "", request?.Name, request?.Credential,
            PasskeyKinds.Desk, null, cancellationToken);
        await audit.RecordAsync(AuditRegister, outcome.Code ?? "ok", person.IdNumber, cancellationToken);
        return outcome.Credential is { } credential
            ? Results.Ok(new PasskeyRegistered(credential.Id, credential.Name, "/desk/accounts?done=passkey-added"))
            : PasskeyCodes.Problem(outcome.Code!);
    }

    private static async Task<IResult> SignInOptionsAsync(
        HttpContext context, IAntiforgery antiforgery, PasskeyService passkeys, AttemptLimiter limiter, IOptions<PasskeyOptions> options, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return PasskeyCodes.Problem(PasskeyCodes.RequestMalformed);
        }

        if (await limiter.IsLimitedAsync(AddressKey(context), options.Value.FailuresPerAddress, cancellationToken))
        {
            return PasskeyCodes.Problem(PasskeyCodes.RateLimited);
        }

        var start = await passkeys.BeginSignInAsync(PasskeyPurposes.DeskSignIn, BrowserBinding.GetOrCreate(context), null, cancellationToken);
        return Options(start.CeremonyId, start.Options.ToJson());
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, IAntiforgery antiforgery, PasskeyService passkeys, AttemptLimiter limiter, PasskeyAudit audit, LaobaoDbContext db,
        IOptions<PasskeyOptions> options, CancellationToken cancellationToken)
    {
        var addressKey = AddressKey(context);
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            await limiter.RecordFailureAsync([addressKey], cancellationToken);
            await audit.RecordAsync(AuditSignIn, PasskeyCodes.RequestMalformed, null, cancellationToken);
            return PasskeyCodes.Problem(PasskeyCodes.RequestMalformed);
        }

        var request = await PasskeyJson.ReadAsync<PasskeySignInRequest>(context.Request, cancellationToken);
        var credentialKey = request?.Credential?.RawId is { Length: > 0 } rawId ? "pk-cred:" + Convert.ToHexStringLower(rawId) : null;
        if (await limiter.IsLimitedAsync(addressKey, options.Value.FailuresPerAddress, cancellationToken)
            || (credentialKey is not null && await limiter.IsLimitedAsync(credentialKey, options.Value.FailuresPerCredential, cancellationToken)))
        {
            // Refused before any work and not counted again, so the window passing lifts it.
            await audit.RecordAsync(AuditSignIn, PasskeyCodes.RateLimited, null, cancellationToken);
            return PasskeyCodes.Problem(PasskeyCodes.RateLimited);
        }

        var outcome = await passkeys.FinishSignInAsync(
            PasskeyPurposes.DeskSignIn, request?.CeremonyId, BrowserBinding.Read(context) ?? "", request?.Credential, null, cancellationToken);
        if (outcome.Credential is not { } credential)
        {
            await limiter.RecordFailureAsync(credentialKey is null ? [addressKey] : [addressKey, credentialKey], cancellationToken);
            await audit.RecordAsync(AuditSignIn, outcome.Code!, outcome.PersonIdNumber, cancellationToken);
            return PasskeyCodes.Problem(outcome.Code!);
        }

        var id = TaiwanId.Parse(credential.PersonIdNumber);
        var name = await db.Persons.AsNoTracking().Where(p => p.IdNumber == id.Value).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            await audit.RecordAsync(AuditSignIn, PasskeyCodes.Unknown, id.Value, cancellationToken);
            return PasskeyCodes.Problem(PasskeyCodes.Unknown);
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(DeskClaims.IdNumber, id.Value),
                new Claim(DeskClaims.Name, name),
                new Claim(DeskClaims.Masked, id.Masked),
                new Claim(AssuranceLevels.ClaimType, AssuranceLevels.Passkey),
            ],
            DeskClaims.Scheme,
            DeskClaims.Name,
            null));
        await context.SignInAsync(DeskClaims.Scheme, principal, new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        await audit.RecordAsync(AuditSignIn, "ok", id.Value, cancellationToken);
        return Results.Ok(new PasskeySignedIn(AssuranceResultHandler.SafeReturnUrl(request?.ReturnUrl) ?? "/desk"));
    }

    private static async Task<IResult> RemoveAsync(HttpContext context, IAntiforgery antiforgery, PasskeyService passkeys, PasskeyAudit audit, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context) || DeskPerson.From(context.User) is not { } person || !context.Request.HasFormContentType)
        {
            return PasskeyCodes.Problem(PasskeyCodes.RequestMalformed);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (!Guid.TryParse(form["id"].ToString(), out var id) || !await passkeys.RemoveAsync(person.IdNumber, id, cancellationToken))
        {
            return Results.Redirect("/desk/accounts");
        }

        await audit.RecordAsync(AuditRemove, "ok", person.IdNumber, cancellationToken);
        return Results.Redirect("/desk/accounts?done=passkey-removed");
    }

    /// <summary>The library's own JSON of the options (base64url bytes, WebAuthn names), beside the ceremony id.</summary>
    internal static IResult Options(string ceremonyId, string optionsJson) =>
        Results.Content(
            "{\"ceremonyId\":" + JsonSerializer.Serialize(ceremonyId) + ",\"options\":" + optionsJson + "}",
            "application/json");

    private static string AddressKey(HttpContext context) => "pk-ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}

/// <summary>Audits passkey events of the current request through the one audit service.</summary>
public sealed class PasskeyAudit(AuditService audit, IHttpContextAccessor accessor)
{
    public Task RecordAsync(string action, string outcome, string? idNumber, CancellationToken cancellationToken)
    {
        var context = accessor.HttpContext;
        string? normalized = null;
        string? masked = null;
        if (idNumber is not null && TaiwanId.TryParse(idNumber, out var id, out _))
        {
            normalized = id.Value;
            masked = id.Masked;
        }

        var agent = context?.Request.Headers.UserAgent.ToString();
        return audit.RecordAsync(
            new AuditEntry(action, outcome, normalized, masked, context?.Connection.RemoteIpAddress?.ToString() ?? "unknown", string.IsNullOrEmpty(agent) ? null : agent),
            cancellationToken);
    }
}

public static class PasskeysServiceCollectionExtensions
{
    public static IServiceCollection AddPasskeys(this IServiceCollection services)
    {
        services.AddOptions<PasskeyOptions>().BindConfiguration(PasskeyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<PasskeyService>();
        services.AddScoped<PasskeyAudit>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AssuranceResultHandler>();
        services.AddAuthorization(AssurancePolicies.Add);
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(options =>
        {
            foreach (var page in CardOnlyPages)
            {
                options.Conventions.AuthorizePage(page, AssurancePolicies.Card);
            }
        });
        return services;
    }

    /// <summary>Pages that change the account or link a phone (SPEC §11): a passkey session is sent to the card.</summary>
    public static IReadOnlyList<string> CardOnlyPages { get; } =
    [
        "/MobileAccount/Terms", "/MobileAccount/Apply", "/MobileAccount/Applied", "/MobileAccount/Activate",
        "/MobileAccount/Password", "/MobileAccount/Email", "/MobileAccount/EmailConfirm", "/MobileAccount/Close",
        "/DeviceLinking/Index", "/Passkeys/Add",
    ];
}
