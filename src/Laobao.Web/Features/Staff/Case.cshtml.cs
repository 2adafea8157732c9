using Laobao.Client;
using Laobao.Domain.Identity;
using Laobao.Web.Features.Cases;
using Laobao.Web.Features.Inquiry;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Features.RecordHealth;
using Laobao.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Staff;

/// <summary>
/// /staff/cases/{number}: the case, the person's record as they see it (the record check and their periods), and the
/// answer form. Opening moves a received case to in review; every view and answer is audited for both people.
/// </summary>
[RequestSizeLimit(64 * 1024)]
public sealed class CaseModel(CaseService cases, InquiryService inquiry, StaffDirectory staff, RequestAudit audit) : StaffPageModel(staff, audit)
{
    public RecordCase Case { get; private set; } = null!;

    public IReadOnlyList<CaseEvent> History { get; private set; } = [];

    public HealthReport? Health { get; private set; }

    public CoverageReport? Coverage { get; private set; }

    public string Masked { get; private set; } = "";

    public CaseProblem? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        var found = await cases.OpenForStaffAsync(StaffIdNumber, number, cancellationToken);
        return found is null ? NotFound() : await ShowAsync(found, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string number, string? answer, bool corrected, CancellationToken cancellationToken)
    {
        var (found, problem) = await cases.AnswerAsync(StaffIdNumber, number, answer, corrected, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        if (problem is not null)
        {
            Problem = problem;
            var page = await ShowAsync(found, cancellationToken);
            ((PageResult)page).StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }

        return Redirect("/staff/cases/" + found.Number);
    }

    private async Task<IActionResult> ShowAsync(RecordCase found, CancellationToken cancellationToken)
    {
        Case = found;
        History = await cases.HistoryAsync(found.Id, cancellationToken);
        Masked = TaiwanId.Parse(found.PersonIdNumber).Masked;
        if (await inquiry.ReadAsync(found.PersonIdNumber, inquiry.Today, cancellationToken) is { } read)
        {
            Health = HealthService.Report(read, HttpContext.UiLanguage());
            Coverage = InquiryService.Coverage(read.Coverage);
        }

        return Page();
    }
}
