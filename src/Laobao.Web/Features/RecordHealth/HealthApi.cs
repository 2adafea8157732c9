using Laobao.Client;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Localization;
using Laobao.Web.Security.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Laobao.Web.Features.RecordHealth;

/// <summary><c>GET /api/v1/me/health</c>: the record health report (SPEC §12) in the asked language.</summary>
public static class HealthApi
{
    public const string ViewAction = "health-view";

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/v1/me").DisableAntiforgery().WithTags("record-health").RequireAuthorization(MobileClaims.Policy);
        me.MapGet("/health", HealthAsync).WithName("GetHealth");
        return endpoints;
    }

    private static async Task<Results<Ok<HealthReport>, ProblemHttpResult>> HealthAsync(
        HttpContext context, HealthService health, RequestAudit audit, CancellationToken cancellationToken)
    {
        var principal = MobileClaims.Read(context.User);
        var report = await health.ReportAsync(principal.PersonIdNumber, context.UiLanguage(), cancellationToken);
        if (report is null)
        {
            return ApiProblems.For(ApiErrorCodes.NotFound, "查無資料。 Not found.");
        }

        await audit.RecordViewAsync(ViewAction, principal.PersonIdNumber, cancellationToken);
        return TypedResults.Ok(report);
    }
}
