using Laobao.Web.Security.ActivationCodes;
using Microsoft.AspNetCore.Mvc;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>The code sent to the new address moves the account there.</summary>
public sealed class EmailConfirmModel(AccountChangeHandler changes, AccountActivationHandler codes) : AccountPageModel
{
    public CodeOutcome? Outcome { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? code, CancellationToken cancellationToken)
    {
        Outcome = await changes.ConfirmEmailAsync(HttpContext, Person, code, cancellationToken);
        return Outcome.Key == "code.emailChanged" ? Redirect("/desk/accounts?done=email") : Page();
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        Outcome = await codes.ResendAsync(HttpContext, Person, ActivationPurposes.ChangeEmail, cancellationToken);
        return Page();
    }
}
