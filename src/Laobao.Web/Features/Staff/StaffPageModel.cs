using Laobao.Web.Features.MobileApi;
using Laobao.Web.Security.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Staff;

/// <summary>
/// Every /staff page: signed in with a card (the e-desk's own card sign-in) and holding the staff role. Anyone else
/// gets 403 with a sentence in both languages, and the refusal is audited.
/// </summary>
[Authorize]
public abstract class StaffPageModel(StaffDirectory staff, RequestAudit audit) : PageModel
{
    public const string RefusedAction = "staff-refused";

    /// <summary>The signed-in staff member's ID number.</summary>
    protected string StaffIdNumber { get; private set; } = "";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var id = User.FindFirst(DeskClaims.IdNumber)?.Value;
        if (!await staff.IsStaffAsync(id, HttpContext.RequestAborted))
        {
            await audit.RecordAsync(RefusedAction, "not-staff", id, HttpContext.RequestAborted);
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status403Forbidden,
                ContentType = "text/plain; charset=utf-8",
                Content = "此頁只限勞保局人員使用；您的憑證沒有人員權限。 This page is for bureau staff only; your card does not hold the staff role.",
            };
            return;
        }

        StaffIdNumber = id!;
        await next();
    }
}
