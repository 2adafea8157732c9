using Laobao.Web.Features.Cases;
using Laobao.Web.Features.MobileApi;

namespace Laobao.Web.Features.Staff;

/// <summary>/staff: cases oldest first, open ones unless a status is picked.</summary>
public sealed class IndexModel(CaseService cases, StaffDirectory staff, RequestAudit audit) : StaffPageModel(staff, audit)
{
    public IReadOnlyList<RecordCase> Cases { get; private set; } = [];

    public string? Status { get; private set; }

    public async Task OnGetAsync(string? status, CancellationToken cancellationToken)
    {
        Status = status is not null && CaseStatuses.All.Contains(status) ? status : null;
        Cases = await cases.ForStaffAsync(Status, cancellationToken);
        await AuditStaffAsync(ListAction, cancellationToken);
    }
}
