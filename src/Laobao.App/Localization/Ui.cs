using System.Globalization;
using Laobao.App.Browser;
using Laobao.App.Session;

namespace Laobao.App.Localization;

/// <summary>The language the app speaks now, its words, and dates in both calendars.</summary>
public sealed class Ui(AppSettings settings, BrowserFacts browser, HttpClient http)
{
    private static readonly TimeSpan TaiwanOffset = TimeSpan.FromHours(8);

    private bool rememberStartLanguage;

    public AppLanguage Language { get; private set; } = AppLanguage.ZhTw;

    /// <summary>Raised after the language changed, so the layout and the page re-render.</summary>
    public event Action? Changed;

    public string this[string key] => AppCopy.Get(key, Language);

    /// <summary>The colon after a label: full-width in Chinese, ": " in English.</summary>
    public string Colon => Language == AppLanguage.En ? ": " : "：";

    /// <summary>A list of items: 「、」 in Chinese, ", " in English.</summary>
    public string Join(IEnumerable<string> items) => string.Join(Language == AppLanguage.En ? ", " : "、", items);

    /// <summary>In English mode, the Chinese name of a step to set beside the English one; empty in Chinese mode.</summary>
    public string ChineseBeside(string key) => Language == AppLanguage.En ? AppCopy.Get(key, AppLanguage.ZhTw) : "";

    /// <summary>A step of the journey as a heading or link shows it: the label, and in English mode its Chinese name beside it.</summary>
    public Microsoft.AspNetCore.Components.MarkupString Step(string key)
    {
        var label = System.Net.WebUtility.HtmlEncode(this[key]);
        return new Microsoft.AspNetCore.Components.MarkupString(Language == AppLanguage.En
            ? $"{label} <span class=\"zh-name\" lang=\"zh-Hant-TW\">· {System.Net.WebUtility.HtmlEncode(ChineseBeside(key))}</span>"
            : label);
    }

    public string Format(string key, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, this[key], args);

    /// <summary>
    /// <c>?lang=</c> of the start address, else the stored language, else (on the first start) the first Chinese or
    /// English among the browser's languages. Synchronous, so the layout's first render is already in that language and
    /// nothing is awaited before it (issue 20); whatever was chosen without a stored setting is remembered afterwards
    /// by <see cref="RememberStartLanguageAsync"/>.
    /// </summary>
    public void Start(Uri startAddress)
    {
        var known = AppLanguages.TryParse(settings.Current.Language, out var language);
        var query = System.Web.HttpUtility.ParseQueryString(startAddress.Query);
        if (AppLanguages.TryParse(query["lang"], out var asked))
        {
            language = asked;
            rememberStartLanguage = true;
        }
        else if (!known && AppLanguages.FromBrowser(browser.Languages()) is { } preferred)
        {
            language = preferred;
            rememberStartLanguage = true;
        }

        Language = language;
        Apply();
    }

    /// <summary>Stores the language <see cref="Start"/> chose without a stored setting; called once the first screen is up.</summary>
    public async Task RememberStartLanguageAsync()
    {
        if (rememberStartLanguage)
        {
            rememberStartLanguage = false;
            var tag = Language.Tag();
            await settings.UpdateAsync(s => s with { Language = tag });
        }
    }

    public async Task SwitchAsync()
    {
        Language = Language == AppLanguage.En ? AppLanguage.ZhTw : AppLanguage.En;
        rememberStartLanguage = false;
        Apply();
        Changed?.Invoke();
        await settings.UpdateAsync(s => s with { Language = Language.Tag() });
    }

    // The API words its sentences (e.g. why there is no pension account) in the language it is asked for. The title
    // follows the layout's <PageTitle>.
    private void Apply()
    {
        http.DefaultRequestHeaders.AcceptLanguage.Clear();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(Language.Tag());
        browser.SetDocumentLanguage(Language.HtmlLang());
    }

    /// <summary>A moment as people in Taiwan read it, in both calendars: <c>114/03/05 14:03 (2025-03-05 14:03)</c>.</summary>
    public static string Moment(DateTimeOffset at)
    {
        var local = at.ToOffset(TaiwanOffset);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return $"{Laobao.Domain.Dates.RocDate.ToSlashed(day)} {time} ({day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {time})";
    }

    /// <summary>Seniority as years and days (English says "1 day", not "1 days").</summary>
    public string Seniority(int years, int days) =>
        Format(years == 1 ? "seniorityYear" : "seniorityYears", years) + " " + Format(days == 1 ? "seniorityDay" : "seniorityDays", days);

    public string Money(long amount) => Format("currency", amount.ToString("N0", CultureInfo.InvariantCulture));
}
