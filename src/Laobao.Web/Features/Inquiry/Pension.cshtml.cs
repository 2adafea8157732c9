using Laobao.Client;
using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Inquiry;

/// <summary>勞工退休金個人專戶查詢 on the e-desk: the very report the API's /me/pension returns.</summary>
[Authorize]
public sealed class PensionModel(InquiryService inquiry, RequestAudit audit) : PageModel
{
    public const int PageSize = 24;

    public PensionReport? Report { get; private set; }

    public int Pages => Report is null ? 1 : Math.Max(1, (Report.TotalContributions + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync([FromQuery] int page, CancellationToken cancellationToken)
    {
        var person = DeviceLinkingDeskApi.PersonOf(HttpContext);
        Report = await inquiry.PensionAsync(person, Math.Max(1, page), PageSize, HttpContext.UiLanguage(), cancellationToken);
        if (Report is null)
        {
            return NotFound();
        }

        await audit.RecordAsync(AuditActions.PensionView, "ok", person, cancellationToken);
        return Page();
    }
}
