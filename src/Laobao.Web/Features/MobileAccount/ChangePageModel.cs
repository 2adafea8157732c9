using Laobao.Web.Data;
using Microsoft.AspNetCore.Mvc;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>The pages of the card-confirmed changes (password, email, close); the work is in the script and <see cref="AccountChangeHandler"/>.</summary>
public sealed class ChangePageModel(LaobaoDbContext db) : AccountPageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var account = await AccountApplicationHandler.OpenAccountAsync(db, Person.IdNumber, cancellationToken);
        if (account is null)
        {
            return Redirect("/desk/accounts");
        }

        // A new version of the terms is asked for before any change to the account.
        return AccountTerms.IsOutdated(account) ? Redirect(AccountTerms.UpdatedPath) : Page();
    }
}
