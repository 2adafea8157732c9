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

    public string PasskeyMessagesJson { get; private set; } = "{}";

    /// <summary>A passkey session was sent here for a card-only step (SPEC §11): the page says why.</summary>
    public bool CardRequired { get; private set; }

    /// <summary>Where to go back to after the card sign-in: a local e-desk path or empty.</summary>
    public string ReturnUrl { get; private set; } = "";

    public IActionResult OnGet(string? reason, string? returnUrl)
    {
        ReturnUrl = Security.Assurance.AssuranceResultHandler.SafeReturnUrl(returnUrl) ?? "";
        // A card session has nothing to gain here; a passkey session may come to step up to the card.
        if (Security.Assurance.AssuranceLevels.IsCard(User))
        {
            return Redirect(ReturnUrl.Length > 0 ? ReturnUrl : "/desk");
        }

        CardRequired = reason == Security.Assurance.AssuranceResultHandler.ReasonCardRequired && User.Identity?.IsAuthenticated == true;
        PasskeyMessagesJson = Passkeys.PasskeyMessages.Json(HttpContext.UiLanguage());

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
