using Laobao.Client;
using Laobao.Domain.Identity;
using Laobao.Web.Features.Cases;
using Laobao.Web.Features.Inquiry;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Features.RecordHealth;
using Laobao.Web.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Laobao.Web.Features.Staff;

/// <summary>
/// /staff/records/{id}: a person's record for staff, only while that person has a case (else 403, audited as refused).
/// Staff reach it from a case; the gate is here so that typing an ID number reads nothing.
/// </summary>
public sealed class RecordModel(CaseService cases, InquiryService inquiry, StaffDirectory staff, RequestAudit audit) : StaffPageModel(staff, audit)
{
    public HealthReport Health { get; private set; } = null!;

    public string Masked { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!TaiwanId.TryParse(id, out var person, out _) || !await cases.StaffMayReadAsync(StaffIdNumber, person.Value, cancellationToken))
        {
            return Refuse(StaffRefusal.NoCase);
        }

        var read = await inquiry.ReadAsync(person.Value, inquiry.Today, cancellationToken);
        if (read is null)
        {
            return NotFound();
        }

        Masked = person.Masked;
        Health = HealthService.Report(read, HttpContext.UiLanguage());
        return Page();
    }
}
