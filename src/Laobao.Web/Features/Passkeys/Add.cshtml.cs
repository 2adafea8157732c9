using Laobao.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Passkeys;

/// <summary>"Add a passkey": card sessions only (the page convention in <see cref="PasskeysServiceCollectionExtensions"/>); the work is in /js/passkeys.js.</summary>
[Authorize]
public sealed class AddModel : PageModel
{
    public string MessagesJson { get; private set; } = "{}";

    public void OnGet() => MessagesJson = PasskeyMessages.Json(HttpContext.UiLanguage());

    /// <summary>Without script nothing is registered; show the page again.</summary>
    public IActionResult OnPost() => RedirectToPage();
}
