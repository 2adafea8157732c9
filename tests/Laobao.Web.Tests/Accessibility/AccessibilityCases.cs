using Microsoft.Playwright;

namespace Laobao.Web.Tests.Accessibility;

/// <summary>
/// The runner shared by the e-desk and app accessibility tests: every named page or screen becomes a case in each
/// language, a case waits for what a person would see, and ends in the same check — the document's language is the
/// language shown, and axe-core finds no serious or critical WCAG 2.1 A/AA violation.
/// </summary>
internal static class AccessibilityCases
{
    private static readonly string[] Languages = ["zh-TW", "en"];

    /// <summary>Each name in both languages, for a theory's MemberData.</summary>
    public static TheoryData<string, string> InBothLanguages(IEnumerable<string> names)
    {
        var cases = new TheoryData<string, string>();
        foreach (var name in names)
        {
            foreach (var lang in Languages)
            {
                cases.Add(name, lang);
            }
        }

        return cases;
    }

    /// <summary>Waits for the first element matching <paramref name="selector"/>, as long as the world allows.</summary>
    public static async Task ExpectAsync(IPage page, string selector) =>
        await page.Locator(selector).First.WaitForAsync();

    /// <summary>The check every case ends in; <paramref name="what"/> names the page or screen in the failure message.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string lang, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        Assert.Equal(lang == "en" ? "en" : "zh-Hant-TW", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        await AxeCheck.AssertNoSeriousViolationsAsync(page, $"{what} in {lang}");
    }
}
