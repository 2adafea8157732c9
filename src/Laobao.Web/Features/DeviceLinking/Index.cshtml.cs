using System.Text.Json;
using Laobao.Web.Data;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Localization;
using Laobao.Web.Security.DeviceKeys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.DeviceLinking;

/// <summary>認證裝置: the rotating QR code and manual code, the number pick, and the linked devices with unlink.</summary>
[Authorize]
public sealed class IndexModel(DeviceLinkService links, LinkEligibility eligibility, RequestAudit audit, Ui ui, LaobaoDbContext db) : PageModel
{
    public bool CanLink { get; private set; }

    public IReadOnlyList<LinkedDevice> Devices { get; private set; } = [];

    public bool Unlinked { get; private set; }

    /// <summary>Back from a successful link: the success stays on the page (issue 14, item 10).</summary>
    public bool Linked { get; private set; }

    public string MessagesJson => JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["linked"] = ui["deviceLinkLinked"],
        ["refused"] = ui["deviceLinkRefused"],
        ["expired"] = ui["deviceLinkExpired"],
        ["error"] = ui["deviceLinkError"],
        ["needsActivation"] = ui["deviceLinkNeedsActivation"],
    });

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        // A new version of the terms is asked for before a phone is linked too.
        if (AccountTerms.IsOutdated(await AccountApplicationHandler.OpenAccountAsync(db, DeviceLinkingDeskApi.PersonOf(HttpContext), cancellationToken)))
        {
            return Redirect(AccountTerms.UpdatedPath);
        }

        // The unlink confirmation page comes back here with done=unlinked.
        Unlinked = done == "unlinked";
        Linked = done == "linked";
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostUnlinkAsync(Guid deviceId, CancellationToken cancellationToken)
    {
        var person = DeviceLinkingDeskApi.PersonOf(HttpContext);
        if (await links.UnlinkAsync(person, deviceId, cancellationToken))
        {
            await audit.RecordAsync(AuditActions.DeviceUnlink, "ok", person, cancellationToken);
            Unlinked = true;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var person = DeviceLinkingDeskApi.PersonOf(HttpContext);
        CanLink = await eligibility.CanLinkAsync(person, cancellationToken);
        Devices = await links.DevicesAsync(person, cancellationToken);
    }
}
