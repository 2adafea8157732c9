namespace Laobao.Web.Localization;

public enum UiLanguage
{
    ZhTw,
    En,
}

public static class UiLanguages
{
    /// <summary>Remembers the person's choice; __Host- so no subdomain can set or read it (SPEC §8).</summary>
    public const string CookieName = "__Host-lang";

    public const string QueryKey = "lang";

    public static bool TryParse(string? value, out UiLanguage language)
    {
        switch (value?.Trim().ToUpperInvariant())
        {
            case "EN":
            case "EN-US":
            case "EN-GB":
                language = UiLanguage.En;
                return true;
            case "ZH-TW":
            case "ZH-HANT":
            case "ZH-HANT-TW":
            case "ZH":
                language = UiLanguage.ZhTw;
                return true;
            default:
                language = UiLanguage.ZhTw;
                return false;
        }
    }

    public static string Tag(this UiLanguage language) => language == UiLanguage.En ? "en" : "zh-TW";

    /// <summary>The value for the html lang attribute.</summary>
    public static string HtmlLang(this UiLanguage language) => language == UiLanguage.En ? "en" : "zh-Hant-TW";

    public static UiLanguage Other(this UiLanguage language) => language == UiLanguage.En ? UiLanguage.ZhTw : UiLanguage.En;
}
