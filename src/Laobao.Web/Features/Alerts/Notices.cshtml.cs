using Laobao.Client;
using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Alerts;

/// <summary>通知 / Notices on the e-desk: what imports changed, and the switch for alert mail.</summary>
[Authorize]
public sealed class NoticesModel(AlertService alerts) : PageModel
{
    public NoticesView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        View = await alerts.NoticesAsync(DeviceLinkingDeskApi.PersonOf(HttpContext), HttpContext.UiLanguage(), cancellationToken);

    public async Task<IActionResult> OnPostMailAsync(bool on, CancellationToken cancellationToken)
    {
        await alerts.SetMailAlertsAsync(DeviceLinkingDeskApi.PersonOf(HttpContext), on, cancellationToken);
        return Redirect("/desk/notices");
    }

    public async Task<IActionResult> OnPostSeenAsync(CancellationToken cancellationToken)
    {
        await alerts.MarkSeenAsync(DeviceLinkingDeskApi.PersonOf(HttpContext), cancellationToken);
        return Redirect("/desk/notices");
    }
}
