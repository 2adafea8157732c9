using Laobao.Web.Data;
using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Security.DeviceKeys;
using Microsoft.AspNetCore.Mvc;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>
/// 行動服務帳號作業: the account's status (none / waiting for activation / active), what can be done next, and once
/// active the linked devices (the same list and unlink confirmation as 認證裝置).
/// </summary>
public sealed class IndexModel(LaobaoDbContext db, DeviceLinkService links, Laobao.Web.Features.Passkeys.PasskeyService passkeys) : AccountPageModel
{
    public MobileAccount? Account { get; private set; }

    public string StatusKey { get; private set; } = "none";

    public bool TermsOutdated { get; private set; }

    public string? DoneKey { get; private set; }

    public IReadOnlyList<LinkedDevice> Devices { get; private set; } = [];

    public IReadOnlyList<Laobao.Web.Features.Passkeys.PasskeyCredential> PasskeyList { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Account = await AccountApplicationHandler.OpenAccountAsync(db, Person.IdNumber, cancellationToken);
        if (AccountTerms.IsOutdated(Account))
        {
            // A new version of the terms is asked for before anything else of the account.
            return Redirect(AccountTerms.UpdatedPath);
        }

        StatusKey = Account?.Status switch
        {
            MobileAccountStatus.PendingActivation => "pending",
            MobileAccountStatus.Active => "active",
            _ => "none",
        };
        TermsOutdated = Account is not null && Account.TermsVersion != AccountTerms.Version;
        if (Account?.Status == MobileAccountStatus.Active)
        {
            Devices = await links.DevicesAsync(Person.IdNumber, cancellationToken);
        }

        PasskeyList = await passkeys.ListAsync(Person.IdNumber, cancellationToken);
        DoneKey = done switch
        {
            "password" => "done.password",
            "closed" => "done.closed",
            "email" => "code.emailChanged",
            "activated" => "code.activated",
            "unlinked" => "deviceUnlinked",
            "passkey-added" => "done.passkey-added",
            "passkey-removed" => "done.passkey-removed",
            _ => null,
        };
        return Page();
    }
}
