using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Statements;

/// <summary>個人查詢 → 投保證明 / Statements on the e-desk: issue, list, download, revoke.</summary>
[Authorize]
public sealed class DeskModel(StatementService statements, RequestAudit audit) : PageModel
{
    public IReadOnlyList<Client.StatementView> Statements { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostIssueAsync(string? kind, CancellationToken cancellationToken)
    {
        var person = DeviceLinkingDeskApi.PersonOf(HttpContext);
        var language = HttpContext.UiLanguage();
        if (!StatementKinds.IsKnown(kind))
        {
            Problem = true;
            Message = StatementCopy.Text("statementKind", language);
            await LoadAsync(cancellationToken);
            return Page();
        }

        var (statement, problem) = await StatementsApi.IssueOrExplainAsync(statements, person, kind!, null, cancellationToken);
        if (statement is null)
        {
            Problem = true;
            Message = string.Format(System.Globalization.CultureInfo.InvariantCulture, StatementCopy.Text("statementUnavailable", language), problem?.ProblemDetails.Title);
            await LoadAsync(cancellationToken);
            var page = Page();
            page.StatusCode = problem?.StatusCode ?? StatusCodes.Status503ServiceUnavailable;
            return page;
        }

        await audit.RecordAsync(AuditActions.StatementIssue, "ok", person, cancellationToken);
        Message = string.Format(System.Globalization.CultureInfo.InvariantCulture, StatementCopy.Text("statementIssued", language), StatementCode.Grouped(statement.Code));
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string? code, CancellationToken cancellationToken)
    {
        var person = DeviceLinkingDeskApi.PersonOf(HttpContext);
        if (code is null || !await statements.RevokeAsync(person, code, cancellationToken))
        {
            return NotFound();
        }

        await audit.RecordAsync(AuditActions.StatementRevoke, "ok", person, cancellationToken);
        Message = string.Format(System.Globalization.CultureInfo.InvariantCulture, StatementCopy.Text("statementRevoked", HttpContext.UiLanguage()), StatementCode.Grouped(code));
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(string? code, CancellationToken cancellationToken)
    {
        var person = DeviceLinkingDeskApi.PersonOf(HttpContext);
        var statement = code is null ? null : await statements.OwnAsync(person, code, cancellationToken);
        return statement is null ? NotFound() : File(statement.Pdf, "application/pdf", StatementsApi.FileName(statement));
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Statements = [.. (await statements.ListAsync(DeviceLinkingDeskApi.PersonOf(HttpContext), cancellationToken)).Select(StatementsApi.ToView)];
}
