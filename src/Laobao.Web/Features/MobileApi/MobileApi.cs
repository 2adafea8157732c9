using Laobao.Client;
using Laobao.Domain.Identity;
using Laobao.Web.Data;
using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Features.Estimates;
using Laobao.Web.Features.Inquiry;
using Laobao.Web.Localization;
using Laobao.Web.Security;
using Laobao.Web.Security.Audit;
using Laobao.Web.Security.DeviceKeys;
using Laobao.Web.Security.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Features.MobileApi;

/// <summary>The mobile API of SPEC §7 under /api/v1; every refusal is a problem document with a stable code.</summary>
public static class MobileApi
{
    public const int FailedLinksPerAddress = 30;
    public const int ActivityPageSize = 50;

    public static IEndpointRouteBuilder MapMobileApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").DisableAntiforgery().WithTags("mobile");

        api.MapPost("/device-links", LinkAsync).WithName("LinkDevice");
        api.MapGet("/device-links/{linkId:guid}", LinkStatusAsync).WithName("GetDeviceLink");
        api.MapPost("/sessions/challenge", ChallengeAsync).WithName("SessionChallenge");
        api.MapPost("/sessions", SignInAsync).WithName("SignIn");
        api.MapPost("/sessions/refresh", RefreshAsync).WithName("Refresh");

        var me = api.MapGroup("").RequireAuthorization(MobileClaims.Policy);
        me.MapDelete("/sessions/current", LogOutAsync).WithName("LogOut");
        me.MapGet("/me", ProfileAsync).WithName("GetProfile");
        me.MapGet("/me/coverage", CoverageAsync).WithName("GetCoverage");
        me.MapGet("/me/pension", PensionAsync).WithName("GetPension");
        me.MapGet("/me/devices", DevicesAsync).WithName("GetDevices");
        me.MapGet("/me/activity", ActivityAsync).WithName("GetActivity");
        me.MapDelete("/me/devices/{deviceId:guid}", UnlinkAsync).WithName("UnlinkDevice");
        me.MapEstimatesApi();
        return endpoints;
    }

    private static async Task<Results<Accepted<DeviceLinkAccepted>, ProblemHttpResult>> LinkAsync(
        DeviceLinkRequest request, HttpContext context, DeviceLinkService links, AttemptLimiter limiter, RequestAudit audit, IOptions<DeskOptions> desk, CancellationToken cancellationToken)
    {
        var addressKey = "link-ip:" + RequestAudit.ClientAddress(context);
        if (await limiter.IsLimitedAsync(addressKey, FailedLinksPerAddress, cancellationToken))
        {
            return ApiProblems.For(ApiErrorCodes.RateLimited, "Too many failed link attempts from this address; try again later.");
        }

        var result = await links.PresentAsync(request, desk.Value.Origin, cancellationToken);
        if (result.Accepted is null)
        {
            await limiter.RecordFailureAsync([addressKey], cancellationToken);
            return ApiProblems.For(result.ErrorCode!, Titles.For(result.ErrorCode!));
        }

        await audit.RecordAsync("device-link-presented", "ok", result.PersonIdNumber, cancellationToken);
        return TypedResults.Accepted("/api/v1/device-links/" + result.Accepted.LinkId.ToString("D"), result.Accepted);
    }

    private static async Task<Results<Ok<DeviceLinkStatus>, ProblemHttpResult>> LinkStatusAsync(Guid linkId, DeviceLinkService links, CancellationToken cancellationToken)
    {
        var status = await links.StatusAsync(linkId, cancellationToken);
        return status is null ? ApiProblems.For(ApiErrorCodes.LinkNotFound, Titles.For(ApiErrorCodes.LinkNotFound)) : TypedResults.Ok(status);
    }

    private static async Task<Results<Ok<SessionChallenge>, ProblemHttpResult>> ChallengeAsync(SessionChallengeRequest request, SessionHandler sessions, CancellationToken cancellationToken)
    {
        var challenge = await sessions.ChallengeAsync(request.DeviceId, cancellationToken);
        return challenge is null ? ApiProblems.For(ApiErrorCodes.DeviceUnknown, Titles.For(ApiErrorCodes.DeviceUnknown)) : TypedResults.Ok(challenge);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> SignInAsync(SignInRequest request, HttpContext context, SessionHandler sessions, CancellationToken cancellationToken)
    {
        var (tokens, error) = await sessions.SignInAsync(request, RequestAudit.ClientAddress(context), cancellationToken);
        return tokens is null ? ApiProblems.For(error!, Titles.For(error!)) : TypedResults.Ok(tokens);
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RefreshAsync(RefreshRequest request, HttpContext context, SessionHandler sessions, CancellationToken cancellationToken)
    {
        var (tokens, error) = await sessions.RefreshAsync(request, RequestAudit.ClientAddress(context), cancellationToken);
        return tokens is null ? ApiProblems.For(error!, Titles.For(error!)) : TypedResults.Ok(tokens);
    }

    private static async Task<NoContent> LogOutAsync(HttpContext context, TokenService tokens, RequestAudit audit, CancellationToken cancellationToken)
    {
        var principal = MobileClaims.Read(context.User);
        await tokens.RevokeFamilyAsync(principal.FamilyId, cancellationToken);
        await audit.RecordAsync(AuditActions.MobileSignOut, "ok", principal.PersonIdNumber, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ProfileView>, ProblemHttpResult>> ProfileAsync(HttpContext context, InquiryService inquiry, IMobileAccountDirectory accounts, CancellationToken cancellationToken)
    {
        var principal = MobileClaims.Read(context.User);
        var inquiryOfPerson = await inquiry.ReadAsync(principal.PersonIdNumber, inquiry.Today, cancellationToken);
        if (inquiryOfPerson is null)
        {
            return ApiProblems.For(ApiErrorCodes.NotFound, Titles.For(ApiErrorCodes.NotFound));
        }

        var person = inquiryOfPerson.Person;
        var account = await accounts.ForPersonAsync(person.IdNumber, cancellationToken);
        return TypedResults.Ok(new ProfileView(
            person.Name, person.NameLatin, person.MaskedIdNumber, InquiryFormat.Date(person.BirthDate), person.Nationality, person.Residence, account?.Email));
    }

    private static async Task<Results<Ok<CoverageReport>, ProblemHttpResult>> CoverageAsync(HttpContext context, InquiryService inquiry, RequestAudit audit, CancellationToken cancellationToken)
    {
        var principal = MobileClaims.Read(context.User);
        var report = await inquiry.CoverageAsync(principal.PersonIdNumber, inquiry.Today, cancellationToken);
        if (report is null)
        {
            return ApiProblems.For(ApiErrorCodes.NotFound, Titles.For(ApiErrorCodes.NotFound));
        }

        await audit.RecordViewAsync(AuditActions.CoverageView, principal.PersonIdNumber, cancellationToken);
        return TypedResults.Ok(report);
    }

    private static async Task<Results<Ok<PensionReport>, ProblemHttpResult>> PensionAsync(
        HttpContext context, InquiryService inquiry, RequestAudit audit, CancellationToken cancellationToken, int page = 1, int pageSize = 60)
    {
        var principal = MobileClaims.Read(context.User);
        var report = await inquiry.PensionAsync(principal.PersonIdNumber, page, pageSize, context.UiLanguage(), cancellationToken);
        if (report is null)
        {
            return ApiProblems.For(ApiErrorCodes.NotFound, Titles.For(ApiErrorCodes.NotFound));
        }

        await audit.RecordViewAsync(AuditActions.PensionView, principal.PersonIdNumber, cancellationToken);
        return TypedResults.Ok(report);
    }

    private static async Task<Ok<List<DeviceView>>> DevicesAsync(HttpContext context, DeviceLinkService links, CancellationToken cancellationToken)
    {
        var principal = MobileClaims.Read(context.User);
        var devices = await links.DevicesAsync(principal.PersonIdNumber, cancellationToken);
        return TypedResults.Ok(devices.Select(d => ToView(d, principal.DeviceId)).ToList());
    }

    private static async Task<Ok<ActivityPage>> ActivityAsync(HttpContext context, LaobaoDbContext db, CancellationToken cancellationToken, int page = 1)
    {
        var principal = MobileClaims.Read(context.User);
        page = Math.Max(1, page);
        var rows = await db.Set<AuditRecord>().AsNoTracking()
            .Where(r => r.SubjectIdNumber == principal.PersonIdNumber)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            // One row past the page tells whether an older page follows, without counting the whole history.
            .Skip((page - 1) * ActivityPageSize).Take(ActivityPageSize + 1)
            .Select(r => new { r.At, r.Action, r.Outcome, r.ClientAddress })
            .ToListAsync(cancellationToken);
        var hasMore = rows.Count > ActivityPageSize;
        var items = rows.Take(ActivityPageSize)
            .Select(r => new ActivityView(new DateTimeOffset(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)), r.Action, r.Outcome, r.ClientAddress))
            .ToList();
        return TypedResults.Ok(new ActivityPage(page, ActivityPageSize, items, hasMore));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UnlinkAsync(
        Guid deviceId, HttpContext context, DeviceLinkService links, RequestAudit audit, CancellationToken cancellationToken)
    {
        var principal = MobileClaims.Read(context.User);
        if (!await links.UnlinkAsync(principal.PersonIdNumber, deviceId, cancellationToken))
        {
            return ApiProblems.For(ApiErrorCodes.NotFound, Titles.For(ApiErrorCodes.NotFound));
        }

        await audit.RecordAsync(AuditActions.DeviceUnlink, "ok", principal.PersonIdNumber, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static DeviceView ToView(LinkedDevice device, Guid? current) => new(
        device.Id,
        device.Name,
        device.Platform,
        new DateTimeOffset(DateTime.SpecifyKind(device.LinkedAt, DateTimeKind.Utc)),
        device.LastUsedAt is { } used ? new DateTimeOffset(DateTime.SpecifyKind(used, DateTimeKind.Utc)) : null,
        device.Id == current);

    /// <summary>English problem titles; the app shows its own sentence per code in the person's language.</summary>
    private static class Titles
    {
        public static string For(string code) => code switch
        {
            ApiErrorCodes.RequestMalformed => "The request is missing a field or has one in the wrong form.",
            ApiErrorCodes.TicketInvalid => "The link code is unknown, used or expired; scan the code the e-desk shows now.",
            ApiErrorCodes.DeviceSignatureInvalid => "The device signature does not match.",
            ApiErrorCodes.PublicKeyInvalid => "The public key is not an ECDSA P-256 SubjectPublicKeyInfo in base64url.",
            ApiErrorCodes.LinkNotFound => "There is no such device link.",
            ApiErrorCodes.DeviceUnknown => "This device is not linked to the account.",
            ApiErrorCodes.NonceInvalid => "The sign-in challenge is unknown, used or expired; ask for a new one.",
            ApiErrorCodes.CredentialsInvalid => "The email or the password is not right.",
            ApiErrorCodes.RefreshTokenInvalid => "Sign in again: the refresh token is not valid.",
            ApiErrorCodes.RateLimited => "Too many failed attempts; try again later.",
            _ => "Not found.",
        };
    }
}
