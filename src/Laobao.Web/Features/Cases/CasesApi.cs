using Laobao.Client;
using Laobao.Web.Features.Inquiry;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Localization;
using Laobao.Web.Security.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Laobao.Web.Features.Cases;

/// <summary><c>/api/v1/me/cases</c>: the app's "report a problem" and the person's cases (SPEC §12).</summary>
public static class CasesApi
{
    public const string CaseNotFound = "case-not-found";

    public static IEndpointRouteBuilder MapCasesApi(this IEndpointRouteBuilder endpoints)
    {
        var me = endpoints.MapGroup("/api/v1/me/cases").DisableAntiforgery().WithTags("record-health").RequireAuthorization(MobileClaims.Policy);
        me.MapGet("", ListAsync).WithName("GetCases");
        me.MapGet("/{number}", OneAsync).WithName("GetCase");
        me.MapPost("", ReportAsync).WithName("ReportProblem");
        return endpoints;
    }

    private static async Task<Ok<List<CaseView>>> ListAsync(HttpContext context, CaseService cases, CancellationToken cancellationToken)
    {
        var person = MobileClaims.Read(context.User).PersonIdNumber;
        var language = context.UiLanguage();
        var list = new List<CaseView>();
        foreach (var c in await cases.MineAsync(person, cancellationToken))
        {
            list.Add(View(c, await cases.HistoryAsync(c.Id, cancellationToken), language));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> OneAsync(string number, HttpContext context, CaseService cases, CancellationToken cancellationToken)
    {
        var person = MobileClaims.Read(context.User).PersonIdNumber;
        var found = await cases.MineAsync(person, number, cancellationToken);
        return found is null
            ? NotFound()
            : TypedResults.Ok(View(found, await cases.HistoryAsync(found.Id, cancellationToken), context.UiLanguage()));
    }

    private static async Task<Results<Created<CaseView>, ProblemHttpResult>> ReportAsync(CaseRequest? request, HttpContext context, CaseService cases, CancellationToken cancellationToken)
    {
        var person = MobileClaims.Read(context.User).PersonIdNumber;
        var language = context.UiLanguage();
        var (created, problem) = await cases.ReportAsync(
            person, new CaseInput(request?.Topic, request?.UnitCode, request?.FromMonth, request?.ToMonth, request?.Comment), language, cancellationToken);
        if (created is null)
        {
            return Problem(problem!, language);
        }

        return TypedResults.Created("/api/v1/me/cases/" + created.Number, View(created, await cases.HistoryAsync(created.Id, cancellationToken), language));
    }

    /// <summary>Unknown numbers and other people's cases get one answer.</summary>
    public static ProblemHttpResult NotFound() => TypedResults.Problem(
        title: "查無此案件。 No case has this number.", statusCode: StatusCodes.Status404NotFound, type: "urn:laobao:problem:" + CaseNotFound,
        extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = CaseNotFound });

    public static ProblemHttpResult Problem(CaseProblem problem, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return TypedResults.Problem(
            title: problem.In(language),
            statusCode: StatusCodes.Status400BadRequest,
            type: "urn:laobao:problem:" + problem.Code,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["code"] = problem.Code,
                ["messages"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["en"] = problem.En, ["zh-TW"] = problem.ZhTw },
            });
    }

    public static CaseView View(RecordCase c, IReadOnlyList<CaseEvent> history, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(history);
        return new CaseView(
            c.Number, c.Status, CaseCopy.Status(c.Status).In(language), c.Topic, CaseCopy.Topic(c.Topic).In(language), c.UnitCode,
            c.FromMonth is { } f ? InquiryFormat.Month(f) : null, c.ToMonth is { } t ? InquiryFormat.Month(t) : null,
            MobileAccount.TaiwanTime.Format(c.CreatedAt), c.Comment, c.Answer,
            [.. history.Select(e => new CaseStepView(MobileAccount.TaiwanTime.Format(e.At), e.Status, CaseCopy.Status(e.Status).In(language), e.Actor == "staff"))]);
    }
}
