using System.Globalization;
using Laobao.Client;
using Laobao.Domain.Dates;
using Laobao.Web.Features.Inquiry;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Security.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Laobao.Web.Features.Statements;

/// <summary>
/// /api/v1 endpoints of statements (SPEC §10): the public check by code (no sign-in), and the person's own
/// statements for the app (list, issue, download, revoke).
/// </summary>
public static class StatementsApi
{
    public const string StatementNotFound = "statement-not-found";
    public const string StatementKindInvalid = "statement-kind-invalid";
    public const string StatementsUnavailable = "statements-unavailable";
    public const int MaxUploadBytes = 10 * 1024 * 1024;

    public static IEndpointRouteBuilder MapStatementsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").DisableAntiforgery().WithTags("statements");
        api.MapGet("/statements/{code}", CheckAsync).WithName("CheckStatement");
        api.MapPost("/statements/{code}/compare", CompareAsync).WithName("CompareStatement");

        var me = api.MapGroup("/me/statements").RequireAuthorization(MobileClaims.Policy);
        me.MapGet("", ListAsync).WithName("GetStatements");
        me.MapPost("", IssueAsync).WithName("IssueStatement").Accepts<IssueStatementRequest>("application/json");
        me.MapGet("/{code}/pdf", PdfAsync).WithName("GetStatementPdf");
        me.MapPost("/{code}/revoke", RevokeAsync).WithName("RevokeStatement");
        api.MapGet("/me/data", MyDataAsync).RequireAuthorization(MobileClaims.Policy).WithName("GetMyData");
        return endpoints;
    }

    /// <summary>Unknown and malformed codes: one answer, in both languages.</summary>
    public static ProblemHttpResult NotFound() => Problem(StatementNotFound, StatusCodes.Status404NotFound,
        "查無此驗證碼的證明。 No statement has this code.");

    public static ProblemHttpResult Limited() => Problem(ApiErrorCodes.RateLimited, StatusCodes.Status429TooManyRequests,
        "查驗次數過多，請稍後再試。 Too many checks from this address; try again later.");

    private static ProblemHttpResult Problem(string code, int status, string title) =>
        TypedResults.Problem(title: title, statusCode: status, type: "urn:laobao:problem:" + code,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code });

    private static async Task<Results<Ok<StatementCheckView>, ProblemHttpResult>> CheckAsync(
        string code, HttpContext context, StatementVerification verification, CancellationToken cancellationToken)
    {
        var result = await verification.LookupAsync(code, RequestAudit.ClientAddress(context), cancellationToken);
        return result.Limited ? Limited() : result.Found is { } found ? TypedResults.Ok(found) : NotFound();
    }

    /// <summary>The body is the PDF itself (application/pdf).</summary>
    private static async Task<Results<Ok<StatementUploadCheckView>, ProblemHttpResult>> CompareAsync(
        string code, HttpContext context, StatementVerification verification, CancellationToken cancellationToken)
    {
        var upload = await ReadBodyAsync(context.Request, cancellationToken);
        if (upload is null)
        {
            return Problem(ApiErrorCodes.RequestMalformed, StatusCodes.Status400BadRequest,
                "請以 application/pdf 上傳最大 10 MB 的 PDF。 Send the PDF as the body (application/pdf), 10 MB at most.");
        }

        var (result, check) = await verification.CompareAsync(code, upload, RequestAudit.ClientAddress(context), cancellationToken);
        return result.Limited ? Limited() : check is { } c ? TypedResults.Ok(c) : NotFound();
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxUploadBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxUploadBytes)
            {
                return null;
            }
        }

        return buffer.Length == 0 ? null : buffer.ToArray();
    }

    private static async Task<Ok<List<StatementView>>> ListAsync(HttpContext context, StatementService statements, CancellationToken cancellationToken)
    {
        var person = MobileClaims.Read(context.User).PersonIdNumber;
        var list = await statements.ListAsync(person, cancellationToken);
        return TypedResults.Ok(list.Select(ToView).ToList());
    }

    /// <summary>Labour insurance began on 1950-03-01: no record, and so no statement, is as of an earlier day.</summary>
    public static readonly DateOnly EarliestAsOf = new(1950, 3, 1);

    private static readonly System.Text.Json.JsonSerializerOptions RequestJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    // The body is read here rather than bound by the framework, so that bad JSON gets the same bilingual sentence as a bad field.
    private static async Task<Results<Created<StatementView>, ProblemHttpResult>> IssueAsync(
        HttpContext context, StatementService statements, RequestAudit audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var person = MobileClaims.Read(context.User).PersonIdNumber;
        IssueStatementRequest? request;
        try
        {
            request = await System.Text.Json.JsonSerializer.DeserializeAsync<IssueStatementRequest>(context.Request.Body, RequestJson, cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            return Problem(ApiErrorCodes.RequestMalformed, StatusCodes.Status400BadRequest,
                "請以 JSON 傳送 {\"kind\": \"coverage\" 或 \"pension\", \"asOf\": 日期}。 Send JSON: {\"kind\": \"coverage\" or \"pension\", \"asOf\": a date}.");
        }

        if (!StatementKinds.IsKnown(request?.Kind))
        {
            return Problem(StatementKindInvalid, StatusCodes.Status400BadRequest,
                "證明種類須為 coverage 或 pension。 The kind must be coverage or pension.");
        }

        DateOnly? asOf = null;
        if (request!.AsOf is { Length: > 0 } text)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && !RocDate.TryParse(text, out day, out _))
            {
                return Problem(ApiErrorCodes.RequestMalformed, StatusCodes.Status400BadRequest,
                    "資料日期須為 YYYY-MM-DD 或民國 YYYMMDD。 The as-of date must be YYYY-MM-DD or ROC YYYMMDD.");
            }

            var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
            if (day < EarliestAsOf || day > today)
            {
                return Problem(ApiErrorCodes.RequestMalformed, StatusCodes.Status400BadRequest,
                    $"資料日期須介於 {RocDate.FormatBoth(EarliestAsOf)} 與今天 {RocDate.FormatBoth(today)} 之間。 The as-of date must be between {RocDate.FormatBoth(EarliestAsOf)} and today, {RocDate.FormatBoth(today)}.");
            }

            asOf = day;
        }

        var issued = await IssueOrExplainAsync(statements, person, request.Kind!, asOf, cancellationToken);
        if (issued.Problem is { } problem)
        {
            return problem;
        }

        await audit.RecordAsync(AuditActions.StatementIssue, "ok", person, cancellationToken);
        var view = ToView((await statements.ListAsync(person, cancellationToken)).First(s => s.Code == issued.Statement!.Code));
        return TypedResults.Created($"/api/v1/me/statements/{view.Code}/pdf", view);
    }

    /// <summary>Issues, turning a missing font or signing key into a clear 503 problem instead of a 500.</summary>
    public static async Task<(IssuedStatement? Statement, ProblemHttpResult? Problem)> IssueOrExplainAsync(
        StatementService statements, string person, string kind, DateOnly? asOf, CancellationToken cancellationToken)
    {
        try
        {
            var statement = await statements.IssueAsync(person, kind, asOf, cancellationToken);
            return statement is null
                ? (null, Problem(ApiErrorCodes.NotFound, StatusCodes.Status404NotFound, "查無您的投保資料。 No record is held for you."))
                : (statement, null);
        }
        catch (Exception e) when (e is StatementFontMissingException or StatementSigningUnavailableException)
        {
            return (null, Problem(StatementsUnavailable, StatusCodes.Status503ServiceUnavailable,
                "目前無法產生證明文件。 Statements cannot be issued right now: " + e.Message));
        }
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(
        string code, HttpContext context, StatementService statements, CancellationToken cancellationToken)
    {
        var person = MobileClaims.Read(context.User).PersonIdNumber;
        var statement = await statements.OwnAsync(person, code, cancellationToken);
        return statement is null ? NotFound() : TypedResults.File(statement.Pdf, "application/pdf", FileName(statement));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string code, HttpContext context, StatementService statements, RequestAudit audit, CancellationToken cancellationToken)
    {
        var person = MobileClaims.Read(context.User).PersonIdNumber;
        if (!await statements.RevokeAsync(person, code, cancellationToken))
        {
            return NotFound();
        }

        await audit.RecordAsync(AuditActions.StatementRevoke, "ok", person, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> MyDataAsync(
        HttpContext context, MyDataExport export, RequestAudit audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var person = MobileClaims.Read(context.User).PersonIdNumber;
        await audit.RecordAsync(AuditActions.MyDataDownload, "ok", person, cancellationToken);
        var zip = await export.ZipAsync(person, cancellationToken);
        return zip is null
            ? Problem(ApiErrorCodes.NotFound, StatusCodes.Status404NotFound, "查無您的資料。 No record is held for you.")
            : TypedResults.File(zip, "application/zip", MyDataExport.FileName(person, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
    }

    public static string FileName(IssuedStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return $"laobao-{statement.Kind}-{StatementCode.Grouped(statement.Code)}.pdf";
    }

    public static StatementView ToView(StatementSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var taiwan = TimeSpan.FromHours(8);
        DateOnly Local(DateTime utc) => DateOnly.FromDateTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(taiwan).DateTime);
        return new StatementView(
            s.Code, StatementCode.Grouped(s.Code), s.Kind, InquiryFormat.Date(s.AsOf), InquiryFormat.Date(Local(s.IssuedAt)),
            InquiryFormat.Date(Local(s.ExpiresAt)), s.Status, s.Sha256, s.RevokedAt is { } r ? InquiryFormat.Date(Local(r)) : null);
    }
}
