using Laobao.Web.Data;
using Laobao.Web.Security.Audit;
using Microsoft.AspNetCore.Mvc;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>The versioned terms; agreeing records the version and the time, then leads to the form (or back to the status).</summary>
public sealed class TermsModel(LaobaoDbContext db, AuditService audit, TimeProvider time) : AccountPageModel
{
    public DateTime? AcceptedAt { get; private set; }

    /// <summary>The version the account holder agreed to before this one, when they must agree again.</summary>
    public string? OutdatedVersion { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var latest = await AccountApplicationHandler.LatestAcceptanceAsync(db, Person.IdNumber, cancellationToken);
        AcceptedAt = latest?.Version == AccountTerms.Version ? latest.AcceptedAt : null;
        var account = await AccountApplicationHandler.OpenAccountAsync(db, Person.IdNumber, cancellationToken);
        OutdatedVersion = AccountTerms.IsOutdated(account) ? account!.TermsVersion : null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var latest = await AccountApplicationHandler.LatestAcceptanceAsync(db, Person.IdNumber, cancellationToken);
        if (latest?.Version != AccountTerms.Version)
        {
            db.Set<TermsAcceptance>().Add(new TermsAcceptance { PersonIdNumber = Person.IdNumber, Version = AccountTerms.Version, AcceptedAt = now });
        }

        var account = await AccountApplicationHandler.OpenAccountAsync(db, Person.IdNumber, cancellationToken);
        if (account is not null && account.TermsVersion != AccountTerms.Version)
        {
            account.TermsVersion = AccountTerms.Version;
            account.TermsAcceptedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AccountApplicationHandler.Entry(HttpContext, Person, "ok", "account-terms"), cancellationToken);
        return Redirect(account is null ? "/desk/accounts/apply" : "/desk/accounts");
    }
}
