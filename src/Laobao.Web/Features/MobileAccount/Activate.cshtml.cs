using Laobao.Web.Data;
using Laobao.Web.Security.ActivationCodes;
using Microsoft.AspNetCore.Mvc;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>帳號啟用: enter the mailed code, or ask for a new one. Plain form posts, so it works without script.</summary>
public sealed class ActivateModel(LaobaoDbContext db, AccountActivationHandler handler) : AccountPageModel
{
    public string? Email { get; private set; }

    public CodeOutcome? Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : Redirect("/desk/accounts");

    public async Task<IActionResult> OnPostActivateAsync(string? code, CancellationToken cancellationToken)
    {
        Outcome = await handler.ActivateAsync(HttpContext, Person, code, cancellationToken);
        if (Outcome.Key is "code.activated" or "code.alreadyActive")
        {
            return Redirect("/desk/accounts?done=activated");
        }

        return await LoadAsync(cancellationToken) ? Page() : Redirect("/desk/accounts");
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        Outcome = await handler.ResendAsync(HttpContext, Person, ActivationPurposes.Activate, cancellationToken);
        return await LoadAsync(cancellationToken) ? Page() : Redirect("/desk/accounts");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var account = await AccountApplicationHandler.OpenAccountAsync(db, Person.IdNumber, cancellationToken);
        Email = account is { Status: MobileAccountStatus.PendingActivation } ? account.Email : null;
        return Email is not null;
    }
}
