namespace Laobao.Web.Localization;

/// <summary>The copy deck in the language of the current request; injected into every view as <c>Ui</c>.</summary>
public sealed class Ui(IHttpContextAccessor accessor)
{
    public UiLanguage Language => accessor.HttpContext?.UiLanguage() ?? UiLanguage.ZhTw;

    public string this[string key] => CopyDeck.Text(key, Language);

    /// <summary>The current path with <c>?lang=</c> set to the other language, so the switch keeps the person where they are.</summary>
    public string SwitchLanguageUrl()
    {
        var request = accessor.HttpContext?.Request;
        var path = request?.Path.HasValue == true ? request.Path.Value! : "/desk";
        return $"{path}?{UiLanguages.QueryKey}={Language.Other().Tag()}";
    }
}
