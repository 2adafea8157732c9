using System.Text.Json;
using Laobao.Web.Localization;
using Laobao.Web.Security;
using Laobao.Web.Security.Cards;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>What every page under 行動服務帳號作業 shares: the card session, and the sentences its script needs.</summary>
[Authorize]
public abstract class AccountPageModel : PageModel
{
    private static readonly string[] ScriptKeys =
    [
        "email.empty", "email.format", "email.taken", "email.same", "email.ok", "mobile.format", "mobile.ok",
        "password.empty", "password.too-short", "password.too-long", "password.common", "password.personal", "password.weak",
        "password.mismatch", "password.ok", "password.checking", "confirm.ok", "pinEmpty", "pinLength",
        "signWorking", "signVerifying", "signDone", "fieldsNeedAttention", "error.network", "error.session.required",
        "error.account.invalid", "error.account.terms-required", "error.account.exists", "error.account.email-taken",
        "error.account.not-found", "error.account.action-unknown", "error.account.signing-limited",
        "bridge.notRunning", "bridge.popupBlocked", "bridge.noCard", "bridge.wrongPin", "bridge.wrongPin2", "bridge.wrongPin1", "bridge.locked",
        "bridge.middleware",
        "bridge.notAllowed", "bridge.cancelled", "bridge.noCertificate", "bridge.other",
    ];

    public DeskPerson Person { get; private set; } = new("", "", "");

    public string BridgeOrigin { get; private set; } = "";

    public int BridgeReadyTimeoutMs { get; private set; }

    public string MessagesJson { get; private set; } = "{}";

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Person = DeskPerson.From(User) ?? Person;
        var desk = HttpContext.RequestServices.GetRequiredService<IOptions<DeskOptions>>().Value;
        BridgeOrigin = desk.CardBridgeOrigin;
        BridgeReadyTimeoutMs = desk.CardBridgeReadyTimeoutMs;
        var language = HttpContext.UiLanguage();
        var messages = ScriptKeys.Concat(CardCheckCodes.All.Select(code => "error." + code)).Distinct(StringComparer.Ordinal)
            .ToDictionary(key => key, key => CopyDeck.Text(key, language), StringComparer.Ordinal);
        // The default encoder escapes <, > and & so the JSON cannot close its script element.
        MessagesJson = JsonSerializer.Serialize(messages);
        base.OnPageHandlerExecuting(context);
    }
}
