using Laobao.Web.Features.MobileApi;
using Laobao.Web.Security.DeviceKeys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.DeviceLinking;

/// <summary>
/// 解除認證, asked once more: the page names the phone and what unlinking does (its sign-ins end at once) before the
/// person confirms. A plain form post, so it works without script; the e-desk session was opened with the card.
/// </summary>
[Authorize]
public sealed class UnlinkModel(DeviceLinkService links, RequestAudit audit) : PageModel
{
    public LinkedDevice? Device { get; private set; }

    public string ReturnTo { get; private set; } = DeviceListPages.Devices;

    public string BackPath => DeviceListPages.PathOf(ReturnTo);

    public static string PathFor(Guid deviceId, string returnTo) =>
        $"/desk/devices/{deviceId}/unlink?from={Uri.EscapeDataString(returnTo)}";

    public async Task<IActionResult> OnGetAsync(Guid deviceId, string? from, CancellationToken cancellationToken)
    {
        ReturnTo = from == DeviceListPages.Accounts ? DeviceListPages.Accounts : DeviceListPages.Devices;
        Device = (await links.DevicesAsync(DeviceLinkingDeskApi.PersonOf(HttpContext), cancellationToken)).FirstOrDefault(d => d.Id == deviceId);
        if (Device is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid deviceId, string? from, CancellationToken cancellationToken)
    {
        ReturnTo = from == DeviceListPages.Accounts ? DeviceListPages.Accounts : DeviceListPages.Devices;
        var person = DeviceLinkingDeskApi.PersonOf(HttpContext);
        if (!await links.UnlinkAsync(person, deviceId, cancellationToken))
        {
            // Already unlinked (from the phone, another tab) or not this person's: nothing to confirm any more.
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        await audit.RecordAsync(AuditActions.DeviceUnlink, "ok", person, cancellationToken);
        return Redirect(BackPath + "?done=unlinked");
    }
}
