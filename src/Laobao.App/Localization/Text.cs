namespace Laobao.App.Localization;

/// <summary>One user-visible text in both languages, so a missing translation is a compile error.</summary>
public sealed record Text(string ZhTw, string En)
{
    public string In(AppLanguage language) => language == AppLanguage.En ? En : ZhTw;
}
