using Laobao.Web.Data;
using Microsoft.AspNetCore.Mvc;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>Says plainly that the application went through, where the code went, how long it lasts, and what is next.</summary>
public sealed class AppliedModel(LaobaoDbContext db) : AccountPageModel
{
    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var account = await AccountApplicationHandler.OpenAccountAsync(db, Person.IdNumber, cancellationToken);
        if (account is not { Status: MobileAccountStatus.PendingActivation })
        {
            return Redirect("/desk/accounts");
        }

        Email = account.Email;
        return Page();
    }
}
