using Laobao.Web.Data;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>行動服務帳號作業: the account's status (none / waiting for activation / active) and what can be done next.</summary>
public sealed class IndexModel(LaobaoDbContext db) : AccountPageModel
{
    public MobileAccount? Account { get; private set; }

    public string StatusKey { get; private set; } = "none";

    public bool TermsOutdated { get; private set; }

    public string? DoneKey { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Account = await AccountApplicationHandler.OpenAccountAsync(db, Person.IdNumber, cancellationToken);
        StatusKey = Account?.Status switch
        {
            MobileAccountStatus.PendingActivation => "pending",
            MobileAccountStatus.Active => "active",
            _ => "none",
        };
        TermsOutdated = Account is not null && Account.TermsVersion != AccountTerms.Version;
        DoneKey = done switch
        {
            "password" => "done.password",
            "closed" => "done.closed",
            "email" => "code.emailChanged",
            "activated" => "code.activated",
            _ => null,
        };
    }
}
