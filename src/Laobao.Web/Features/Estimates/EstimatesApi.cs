using Laobao.Client;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Localization;
using Laobao.Web.Security.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Laobao.Web.Features.Estimates;

/// <summary>
/// <c>GET /api/v1/me/estimates</c>: the person's old-age estimate (SPEC §9) with the scenario given as query
/// parameters (<c>claimAge</c>, <c>workUntil</c>, <c>voluntaryRate</c>, <c>assumedReturn</c>, <c>salary</c>). A value
/// that cannot be used is a 400 problem document with the code <c>scenario-invalid</c> and the parameter named.
/// </summary>
public static class EstimatesApi
{
    public const string ViewAction = "estimate-view";

    /// <summary>Joined to the signed-in part of the /api/v1 group.</summary>
    public static RouteGroupBuilder MapEstimatesApi(this RouteGroupBuilder me)
    {
        ArgumentNullException.ThrowIfNull(me);
        me.MapGet("/me/estimates", EstimatesAsync).WithName("GetEstimates");
        return me;
    }

    private static async Task<Results<Ok<EstimateReport>, ProblemHttpResult>> EstimatesAsync(
        HttpContext context, EstimateService estimates, RequestAudit audit, CancellationToken cancellationToken)
    {
        var principal = MobileClaims.Read(context.User);
        var language = context.UiLanguage();
        if (!EstimateScenarioParser.TryParse(name => context.Request.Query[name], out var scenario, out var invalid))
        {
            return Problem(invalid!, language);
        }

        var outcome = await estimates.ReportAsync(principal.PersonIdNumber, estimates.Today, scenario, language, cancellationToken);
        if (outcome is null)
        {
            return ApiProblems.For(ApiErrorCodes.NotFound, "Not found.");
        }

        if (outcome.Problem is { } problem)
        {
            return Problem(problem, language);
        }

        await audit.RecordViewAsync(ViewAction, principal.PersonIdNumber, cancellationToken);
        return TypedResults.Ok(outcome.Report!);
    }

    /// <summary>The problem in the person's language as its title, both languages in <c>messages</c>.</summary>
    public static ProblemHttpResult Problem(ScenarioProblem problem, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return TypedResults.Problem(
            title: problem.In(language),
            statusCode: StatusCodes.Status400BadRequest,
            type: "urn:laobao:problem:" + EstimateErrorCodes.ScenarioInvalid,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["code"] = EstimateErrorCodes.ScenarioInvalid,
                ["parameter"] = problem.Parameter,
                ["messages"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["en"] = problem.En, ["zh-TW"] = problem.Zh },
            });
    }
}
