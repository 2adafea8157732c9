using Laobao.Web.Features.MobileApi;
using Laobao.Web.Security.Assurance;
using Laobao.Web.Security.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Staff;

/// <summary>
/// Every /staff page: signed in with the staff member's own card (a card-assurance session, SPEC §11: a passkey
/// session is sent to the card sign-in with the reason) and holding the staff role. A card without the role gets a
/// 403 page in both languages, and the refusal is audited.
/// </summary>
[Authorize(Policy = AssurancePolicies.Card)]
public abstract class StaffPageModel(StaffDirectory staff, RequestAudit audit) : PageModel
{
    public const string RefusedAction = "staff-refused";

    /// <summary>A staff member looked at the list of cases (audited for them; no person's record is read).</summary>
    public const string ListAction = "staff-case-list";

    /// <summary>The signed-in staff member's ID number.</summary>
    protected string StaffIdNumber { get; private set; } = "";

    /// <summary>Set when the page is refused: the page then shows only this sentence (both languages), with 403.</summary>
    public StaffRefusal? Refusal { get; private set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var id = User.FindFirst(DeskClaims.IdNumber)?.Value;
        // The policy already asked for the card; checked again here so that no change of policy opens the pages to less.
        if (!AssuranceLevels.IsCard(User) || !await staff.IsStaffAsync(id, HttpContext.RequestAborted))
        {
            await audit.RecordAsync(RefusedAction, "not-staff", id, HttpContext.RequestAborted);
            context.Result = Refuse(StaffRefusal.NotStaff);
            return;
        }

        StaffIdNumber = id!;
        await next();
    }

    /// <summary>Audits a step of the signed-in staff member, for them.</summary>
    protected Task AuditStaffAsync(string action, CancellationToken cancellationToken) =>
        audit.RecordAsync(action, "ok", StaffIdNumber, cancellationToken);

    /// <summary>This page, showing only <paramref name="refusal"/>, with 403.</summary>
    protected PageResult Refuse(StaffRefusal refusal)
    {
        Refusal = refusal;
        var page = Page();
        page.StatusCode = StatusCodes.Status403Forbidden;
        return page;
    }
}

/// <summary>Why a staff page was refused: a stable code and its sentence in both languages.</summary>
public sealed record StaffRefusal(string Code, Localization.BilingualText Title, Localization.BilingualText Body)
{
    public static StaffRefusal NotStaff { get; } = new("not-staff", StaffCopy.NotStaffTitle, StaffCopy.NotStaffBody);

    public static StaffRefusal NoCase { get; } = new("no-case", StaffCopy.NoCaseTitle, StaffCopy.NoCaseBody);
}
