using Laobao.Client;
using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Inquiry;

/// <summary>投保資料查詢 on the e-desk: the very report the API's /me/coverage returns.</summary>
[Authorize]
public sealed class CoverageModel(InquiryService inquiry, RequestAudit audit) : PageModel
{
    public CoverageReport Report { get; private set; } = null!;

    /// <summary>The record health findings shown at the top (SPEC §12).</summary>
    public HealthReport Health { get; private set; } = null!;

    /// <summary>Kinds that share a unit and a period, as one entry each (issue 14, item 20).</summary>
    public IReadOnlyList<CoverageGroup> Groups { get; private set; } = [];

    /// <summary>The day the report is as of, where the timeline ends.</summary>
    public DateOnly AsOf { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var person = DeviceLinkingDeskApi.PersonOf(HttpContext);
        var read = await inquiry.ReadAsync(person, inquiry.Today, cancellationToken);
        if (read is null)
        {
            return NotFound();
        }

        var report = InquiryService.Coverage(read.Coverage);
        Report = report;
        Health = Laobao.Web.Features.RecordHealth.HealthService.Report(read, HttpContext.UiLanguage());
        Groups = CoverageGroups.Of(report.Periods);
        AsOf = CareerTimeline.Day(report.AsOf);
        await audit.RecordAsync(AuditActions.CoverageView, "ok", person, cancellationToken);
        return Page();
    }
}
