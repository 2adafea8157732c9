using Laobao.Client;
using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Features.MobileApi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Inquiry;

/// <summary>投保資料查詢 on the e-desk: the very report the API's /me/coverage returns.</summary>
[Authorize]
public sealed class CoverageModel(InquiryService inquiry, RequestAudit audit) : PageModel
{
    public CoverageReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var person = DeviceLinkingDeskApi.PersonOf(HttpContext);
        var report = await inquiry.CoverageAsync(person, inquiry.Today, cancellationToken);
        if (report is null)
        {
            return NotFound();
        }

        Report = report;
        await audit.RecordAsync(AuditActions.CoverageView, "ok", person, cancellationToken);
        return Page();
    }
}
