using System.Text.Json;
using Laobao.Web.Localization;

namespace Laobao.Web.Features.Passkeys;

/// <summary>The sentences /js/passkeys.js shows, in the person's language, for a page's JSON element #passkey-messages.</summary>
public static class PasskeyMessages
{
    private static readonly string[] Keys =
    [
        "passkeyLoginWorking", "passkeyLoginSuccess", "passkeyNotSupported", "passkeyCancelled", "passkeyAddWorking",
    ];

    public static string Json(UiLanguage language)
    {
        var messages = Keys.Concat(PasskeyCodes.All.Select(code => "passkeyError." + code))
            .ToDictionary(key => key, key => CopyDeck.Text(key, language), StringComparer.Ordinal);
        // The default encoder escapes <, > and & so the JSON cannot close its script element.
        return JsonSerializer.Serialize(messages);
    }
}
