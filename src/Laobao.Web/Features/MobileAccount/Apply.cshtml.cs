using Laobao.Domain.Dates;
using Laobao.Web.Data;
using Laobao.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>
/// The application form. Reached only after agreeing to the current terms and while the person has no account;
/// all card work and field checks as the person types are in wwwroot/js/mobile-account.js.
/// </summary>
public sealed class ApplyModel(LaobaoDbContext db) : AccountPageModel
{
    /// <summary>The applicant's name in both scripts (issue 14, item 16).</summary>
    public string DisplayName { get; private set; } = "";

    /// <summary>Both calendars, e.g. 060/01/02 (1971-01-02).</summary>
    public string BirthDate { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await AccountApplicationHandler.OpenAccountAsync(db, Person.IdNumber, cancellationToken) is not null)
        {
            return Redirect("/desk/accounts");
        }

        if ((await AccountApplicationHandler.LatestAcceptanceAsync(db, Person.IdNumber, cancellationToken))?.Version != AccountTerms.Version)
        {
            return Redirect("/desk/accounts/terms");
        }

        var record = await db.Persons.AsNoTracking().Where(p => p.IdNumber == Person.IdNumber).Select(p => new { p.BirthDate, p.Name, p.NameLatin }).SingleOrDefaultAsync(cancellationToken);
        BirthDate = record is { } found ? RocDate.FormatBoth(found.BirthDate) : "";
        DisplayName = Laobao.Client.PersonNames.Both(record?.Name ?? Person.Name, record?.NameLatin, HttpContext.UiLanguage() == UiLanguage.En);
        return Page();
    }
}
