namespace Laobao.App.Localization;

/// <summary>The two languages of the app (SPEC §0): Traditional Chinese is the default.</summary>
public enum AppLanguage
{
    ZhTw,
    En,
}

public static class AppLanguages
{
    public static string Tag(this AppLanguage language) => language == AppLanguage.En ? "en" : "zh-TW";

    public static string HtmlLang(this AppLanguage language) => language == AppLanguage.En ? "en" : "zh-Hant-TW";

    /// <summary>The first of the browser's languages that is Chinese (any) or English (any); null when neither is asked for.</summary>
    public static AppLanguage? FromBrowser(IEnumerable<string>? languages)
    {
        foreach (var tag in (languages ?? []).Select(l => l.Trim().ToLowerInvariant()))
        {
            if (tag == "zh" || tag.StartsWith("zh-", StringComparison.Ordinal))
            {
                return AppLanguage.ZhTw;
            }

            if (tag == "en" || tag.StartsWith("en-", StringComparison.Ordinal))
            {
                return AppLanguage.En;
            }
        }

        return null;
    }

    /// <summary>Reads the stored setting or a <c>?lang=</c> value; anything unknown is not a language.</summary>
    public static bool TryParse(string? value, out AppLanguage language)
    {
        switch (value?.Trim().ToUpperInvariant())
        {
            case "EN":
                language = AppLanguage.En;
                return true;
            case "ZH-TW" or "ZH-HANT-TW" or "ZH-HANT" or "ZH":
                language = AppLanguage.ZhTw;
                return true;
            default:
                language = AppLanguage.ZhTw;
                return false;
        }
    }
}
