using System.Text.Json;
using Laobao.Web.Localization;
using Laobao.Web.Security;
using Laobao.Web.Security.Cards;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Features.CardLogin;

/// <summary>The card sign-in page. All card work happens in wwwroot/js/card-login.js; this page only carries settings and sentences.</summary>
public sealed class LoginModel(IOptions<DeskOptions> desk) : PageModel
{
    /// <summary>Copy-deck keys the script needs, rendered in the person's language.</summary>
    private static readonly string[] ScriptKeys =
    [
        "idEmpty", "idLength", "idPattern", "idChecksum", "idOk",
        "birthEmpty", "birthFormat", "birthYear", "birthMonth", "birthDay", "birthFuture", "birthDateGregorian",
        "pinEmpty", "pinLength", "loginWorking", "loginVerifying", "loginSuccess", "error.network",
        "bridge.notRunning", "bridge.popupBlocked", "bridge.noCard", "bridge.wrongPin", "bridge.wrongPin2", "bridge.wrongPin1", "bridge.locked",
        "bridge.middleware",
        "bridge.notAllowed", "bridge.cancelled", "bridge.noCertificate", "bridge.other",
    ];

    public string BridgeOrigin => desk.Value.CardBridgeOrigin;

    public int BridgeReadyTimeoutMs => desk.Value.CardBridgeReadyTimeoutMs;

    public string MessagesJson { get; private set; } = "{}";

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return Redirect("/desk");
        }

        var language = HttpContext.UiLanguage();
        var messages = ScriptKeys.Append("birthLooksGregorian").Concat(CardCheckCodes.All.Select(code => "error." + code))
            .ToDictionary(key => key, key => CopyDeck.Text(key, language), StringComparer.Ordinal);
        // The default encoder escapes <, > and & so the JSON cannot close its script element.
        MessagesJson = JsonSerializer.Serialize(messages);
        return Page();
    }

    /// <summary>Without script nothing is posted but the token (the PIN field has no name); show the page again.</summary>
    public IActionResult OnPost() => RedirectToPage();
}
