using Laobao.Client;
using Laobao.Web.Localization;
using Laobao.Web.Security.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Laobao.Web.Features.Alerts;

/// <summary><c>/api/v1/me/notices</c>: the app's record alert notices and the mail alert switch (SPEC §12).</summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/v1/me/notices").DisableAntiforgery().WithTags("record-health").RequireAuthorization(MobileClaims.Policy);
        me.MapGet("", async (HttpContext context, AlertService alerts, CancellationToken ct) =>
            TypedResults.Ok(await alerts.NoticesAsync(MobileClaims.Read(context.User).PersonIdNumber, context.UiLanguage(), ct))).WithName("GetNotices");
        me.MapPost("/seen", async Task<NoContent> (HttpContext context, AlertService alerts, CancellationToken ct) =>
        {
            await alerts.MarkSeenAsync(MobileClaims.Read(context.User).PersonIdNumber, ct);
            return TypedResults.NoContent();
        }).WithName("MarkNoticesSeen");
        me.MapPut("/mail", async Task<NoContent> (MailAlertsRequest request, HttpContext context, AlertService alerts, CancellationToken ct) =>
        {
            await alerts.SetMailAlertsAsync(MobileClaims.Read(context.User).PersonIdNumber, request.On, ct);
            return TypedResults.NoContent();
        }).WithName("SetMailAlerts");
        return endpoints;
    }
}

/// <summary><c>PUT /api/v1/me/notices/mail</c>: turn alert mail on or off.</summary>
public sealed record MailAlertsRequest(bool On);
