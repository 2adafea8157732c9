using Laobao.Client;
using Microsoft.AspNetCore.Http.HttpResults;
using Laobao.Domain.Identity;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Security;
using Laobao.Web.Security.Sessions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Features.DeviceLinking;

/// <summary>A drawn ticket; <see cref="ExpiresDisplay"/> is its expiry in Taiwan time, both calendars, as every time a person sees.</summary>
public sealed record DeskTicketView(string Qr, string ManualCode, string Url, DateTimeOffset ExpiresAt, int RedrawSeconds, string ExpiresDisplay);

public sealed record DeskConfirmRequest(Guid LinkId, string? Choice);

public sealed record DeskConfirmView(string Status, Guid? DeviceId);

/// <summary>
/// The e-desk side of linking, called by /js/device-link.js on the 認證裝置 page: draw a fresh ticket
/// every <see cref="RedrawSeconds"/> s, see whether a phone is waiting, and confirm it with the picked number.
/// Signed in with the card; every call carries the antiforgery token.
/// </summary>
public static class DeviceLinkingDeskApi
{
    public const string TicketPath = "/desk/api/device-link/ticket";
    public const string PendingPath = "/desk/api/device-link/pending";
    public const string ConfirmPath = "/desk/api/device-link/confirm";
    public const int RedrawSeconds = 10;

    public static IEndpointRouteBuilder MapDeviceLinkingDeskApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("").RequireAuthorization(Security.Assurance.AssurancePolicies.Card).DisableAntiforgery().ExcludeFromDescription();

        group.MapPost(TicketPath, async (HttpContext context, IAntiforgery antiforgery, DeviceLinkService links, LinkEligibility eligibility, IOptions<DeskOptions> desk, CancellationToken cancellationToken) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Malformed();
            }

            var person = PersonOf(context);
            if (!await eligibility.CanLinkAsync(person, cancellationToken))
            {
                return ApiProblems.For(ApiErrorCodes.AccountNotActive, "Activate the mobile services account before linking a phone.");
            }

            var ticket = await links.IssueTicketAsync(person, desk.Value.Origin, cancellationToken);
            return Results.Ok(new DeskTicketView(QrImage.PngDataUri(ticket.Url), ticket.ManualCode, ticket.Url, ticket.ExpiresAt, RedrawSeconds, TaiwanMoment(ticket.ExpiresAt)));
        });

        group.MapGet(PendingPath, async (HttpContext context, DeviceLinkService links, CancellationToken cancellationToken) =>
        {
            var pending = await links.PendingAsync(PersonOf(context), cancellationToken);
            return pending is null ? Results.NoContent() : Results.Ok(pending);
        });

        group.MapPost(ConfirmPath, async (HttpContext context, IAntiforgery antiforgery, DeviceLinkService links, RequestAudit audit, CancellationToken cancellationToken) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Malformed();
            }

            var request = await JsonBody.ReadAsync<DeskConfirmRequest>(context.Request, cancellationToken);
            if (request is null)
            {
                return Malformed();
            }

            var person = PersonOf(context);
            var result = await links.ConfirmAsync(person, request.LinkId, request.Choice, cancellationToken);
            if (result is null)
            {
                await audit.RecordAsync(AuditActions.DeviceLink, ApiErrorCodes.LinkNotFound, person, cancellationToken);
                return ApiProblems.For(ApiErrorCodes.LinkNotFound, "No phone of yours is waiting with that link.");
            }

            await audit.RecordAsync(AuditActions.DeviceLink, result.Status == DeviceLinkStatuses.Linked ? "ok" : result.Status, person, cancellationToken);
            return Results.Ok(new DeskConfirmView(result.Status, result.DeviceId));
        });

        return endpoints;
    }

    /// <summary>"115/11/27 16:17:33 (2026-11-27 16:17:33)": the e-desk's clock is Taiwan's, whatever the browser's zone.</summary>
    public static string TaiwanMoment(DateTimeOffset at)
    {
        var local = at.ToOffset(TimeSpan.FromHours(8));
        var time = local.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        return $"{Laobao.Domain.Dates.RocDate.ToSlashed(DateOnly.FromDateTime(local.DateTime))} {time} ({local.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)} {time})";
    }

    internal static string PersonOf(HttpContext context) =>
        TaiwanId.Parse(context.User.FindFirst(DeskClaims.IdNumber)?.Value ?? throw new InvalidOperationException("Signed in without an ID number.")).Value;

    private static ProblemHttpResult Malformed() => ApiProblems.For(ApiErrorCodes.RequestMalformed, "The antiforgery token or the body is missing or invalid.");
}
