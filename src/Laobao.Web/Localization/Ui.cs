namespace Laobao.Web.Localization;

/// <summary>The copy deck in the language of the current request; injected into every view as <c>Ui</c>.</summary>
public sealed class Ui(IHttpContextAccessor accessor)
{
    public UiLanguage Language => accessor.HttpContext?.UiLanguage() ?? UiLanguage.ZhTw;

    public string this[string key] => CopyDeck.Text(key, Language);

    /// <summary>The colon after a label: full-width in Chinese, ": " in English (English copy uses English punctuation).</summary>
    public string Colon => Language == UiLanguage.En ? ": " : "：";

    /// <summary>A code or note in brackets after a word: 「（…）」 in Chinese, " (…)" in English.</summary>
    public string Bracketed(string text) => Language == UiLanguage.En ? $" ({text})" : $"（{text}）";

    /// <summary>A list of items: 「、」 in Chinese, ", " in English.</summary>
    public string Join(IEnumerable<string> items) => string.Join(Language == UiLanguage.En ? ", " : "、", items);

    /// <summary>
    /// In English mode, the Chinese name of a step (as guides and the bureau's forms name it) to set beside the English
    /// heading in smaller type; empty in Chinese mode, where the heading already is that name.
    /// </summary>
    public string ChineseBeside(string key) => Language == UiLanguage.En ? CopyDeck.Text(key, UiLanguage.ZhTw) : "";

    /// <summary>
    /// A step of the journey as a heading or button shows it: the label, and in English mode its Chinese name in smaller
    /// type (<c>Verify device · 認證裝置</c>), so a newcomer can follow a guide written in Chinese.
    /// </summary>
    public Microsoft.AspNetCore.Html.IHtmlContent Step(string key)
    {
        // Text parts are encoded when the page is written, by the host's encoder (which keeps Chinese as characters).
        var content = new Microsoft.AspNetCore.Html.HtmlContentBuilder();
        content.Append(this[key]);
        if (Language == UiLanguage.En)
        {
            content.AppendHtml(" <span class=\"zh-name\" lang=\"zh-Hant-TW\">· ");
            content.Append(ChineseBeside(key));
            content.AppendHtml("</span>");
        }

        return content;
    }

    /// <summary>The current path with <c>?lang=</c> set to the other language, so the switch keeps the person where they are.</summary>
    public string SwitchLanguageUrl()
    {
        var request = accessor.HttpContext?.Request;
        var path = request?.Path.HasValue == true ? request.Path.Value! : "/desk";
        return $"{path}?{UiLanguages.QueryKey}={Language.Other().Tag()}";
    }
}
