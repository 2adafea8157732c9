using System.Globalization;
using System.Text.RegularExpressions;
using Laobao.Tests.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Laobao.Web.Tests.App;

/// <summary>
/// 王小明's figures as the app must show them, worked out by hand from the rows <see cref="Features.MobileApi.People"/> and
/// <see cref="AppDesk"/> store:
/// 甲公司 labour + employment 2010-01-01 … 2012-12-31 (30,300, raised to 36,300 on 2011-07-01); 乙公司 labour from
/// 2012-07-01, still open (45,800). Labour seniority is the union: 2010-01-01 to the as-of day without a gap (the six
/// overlapping months of 2012 count once). Employment: 2010-01-01 … 2012-12-31 = 365 + 365 + 366 = 1,096 days = 3 years
/// 1 day. Occupational: none. Pension: new scheme since 2005-07-01; 62 months at 乙公司 (2020-01 … 2025-02), each
/// 2,748 from the employer = 170,376; 1,374 voluntary in 2025-02; 120 credited returns; balance 171,870.
/// </summary>
internal static partial class WangFigures
{
    public static async Task AssertCoverageAsync(IPage phone, Words words, string screenshot)
    {
        var asOfText = phone.Locator("#coverage-as-of");
        await Expect(asOfText).ToHaveTextAsync(BothCalendars());
        var asOf = DateOnly.ParseExact(BothCalendars().Match(await asOfText.InnerTextAsync()).Groups["iso"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        // The host's today (its clock is the real one): at most a day from the test's, whichever side of midnight.
        Assert.InRange(asOf.DayNumber, DateOnly.FromDateTime(DateTime.UtcNow).DayNumber - 1, DateOnly.FromDateTime(DateTime.UtcNow).DayNumber + 1);

        var labourDays = asOf.DayNumber - new DateOnly(2010, 1, 1).DayNumber + 1;
        await Expect(phone.Locator("#seniority dd[data-kind='labour']")).ToHaveTextAsync(words.Seniority(labourDays / 365, labourDays % 365));
        await Expect(phone.Locator("#seniority dd[data-kind='employment']")).ToHaveTextAsync(words.Seniority(3, 1));
        await Expect(phone.Locator("#seniority dd[data-kind='occupational']")).ToHaveTextAsync(words.Seniority(0, 0));

        // Labour and employment at 甲公司 share their period and salary history: one entry naming both (issue 14, item 20).
        var periods = phone.Locator(".coverage-period");
        await Expect(periods).ToHaveCountAsync(2);
        await AssertPeriodAsync(periods.Nth(0), words.FirstUnit, words.Labour + " · " + words.Employment, "099/01/01 (2010-01-01)", "101/12/31 (2012-12-31)", words.Money(36300));
        await AssertPeriodAsync(periods.Nth(1), words.SecondUnit, words.Labour, "101/07/01 (2012-07-01)", words.OpenEnded, words.Money(45800));
        await Expect(periods.Nth(0).Locator("tbody tr")).ToHaveTextAsync(
        [
            new Regex(Regex.Escape("099/01/01 (2010-01-01)") + @"\s*" + Regex.Escape(words.Money(30300))),
            new Regex(Regex.Escape("100/07/01 (2011-07-01)") + @"\s*" + Regex.Escape(words.Money(36300))),
        ]);

        await Expect(periods.Nth(1).Locator("tbody tr")).ToHaveCountAsync(0);
        await Expect(phone.Locator("#career-timeline .timeline-unit")).ToHaveCountAsync(2);
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot(screenshot), FullPage = true });
    }

    public static async Task AssertPensionAsync(IPage phone, Words words, string screenshot)
    {
        await Expect(phone.Locator("#pension-scheme")).ToHaveTextAsync(words.NewSchemeSince("094/07/01 (2005-07-01)"));
        await Expect(phone.Locator("#total-employer")).ToHaveTextAsync(words.Money(62 * 2748));
        await Expect(phone.Locator("#total-voluntary")).ToHaveTextAsync(words.Money(1374));
        await Expect(phone.Locator("#total-returns")).ToHaveTextAsync(words.Money(120));
        await Expect(phone.Locator("#pension-balance")).ToHaveTextAsync(words.Money(171870));

        // Newest first, 60 to a page: 2025-02 … 2020-03, then 2020-02 and 2020-01 on asking for more.
        // The employer is named once above its months, not under each (issue 14, item 19).
        await Expect(phone.Locator("#contributions tr.unit-row")).ToHaveTextAsync([words.SecondUnit]);
        var rows = phone.Locator("#contributions tbody tr.month-row");
        await Expect(rows).ToHaveCountAsync(60);
        await Expect(rows.Nth(0)).ToHaveTextAsync(Row(words, "114/02 (2025-02)", "45,800", "2,748", "1,374"));
        await Expect(rows.Nth(1)).ToHaveTextAsync(Row(words, "114/01 (2025-01)", "45,800", "2,748", "0"));
        await Expect(rows.Nth(59)).ToHaveTextAsync(Row(words, "109/03 (2020-03)", "45,800", "2,748", "0"));
        await Expect(phone.Locator("#contributions-shown")).ToHaveTextAsync(words.Shown(60, 62));
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot(screenshot), FullPage = false });

        await phone.Locator("#more-contributions").ClickAsync();
        await Expect(rows).ToHaveCountAsync(62);
        await Expect(phone.Locator("#contributions tr.unit-row")).ToHaveCountAsync(1);
        await Expect(rows.Nth(60)).ToHaveTextAsync(Row(words, "109/02 (2020-02)", "45,800", "2,748", "0"));
        await Expect(rows.Nth(61)).ToHaveTextAsync(Row(words, "109/01 (2020-01)", "45,800", "2,748", "0"));
        await Expect(phone.Locator("#more-contributions")).ToHaveCountAsync(0);
        await Expect(phone.Locator("#contributions-shown")).ToHaveCountAsync(0);
    }

    private static async Task AssertPeriodAsync(ILocator period, string unit, string kind, string start, string end, string salary)
    {
        await Expect(period.Locator(".unit-name")).ToHaveTextAsync(unit);
        await Expect(period.Locator(".period-kind")).ToHaveTextAsync(kind);
        await Expect(period.Locator(".period-start")).ToHaveTextAsync(start);
        await Expect(period.Locator(".period-end")).ToHaveTextAsync(end);
        await Expect(period.Locator(".insured-salary")).ToHaveTextAsync(salary);
    }

    private static Regex Row(Words words, string month, string wage, string employer, string voluntary) =>
        new("^" + Regex.Escape(month) + @"\s*" + Regex.Escape(wage) + @"\s*" + Regex.Escape(employer) + @"\s*" + Regex.Escape(voluntary) + "$");

    [GeneratedRegex(@"^\d{3}/\d{2}/\d{2} \((?<iso>\d{4}-\d{2}-\d{2})\)$")]
    private static partial Regex BothCalendars();
}

/// <summary>
/// The app's words for the figures, per language, written out here rather than taken from the app; the units by the
/// name of that language (<c>name</c> in Chinese, <c>name_latin</c> in English).
/// </summary>
internal sealed record Words(string Lang, string Labour, string Employment, string OpenEnded, string FirstUnit, string SecondUnit)
{
    public static Words Chinese { get; } = new("zh-TW", "勞工保險", "就業保險", "迄今", "甲公司", "乙公司");

    public static Words English { get; } = new("en", "Labour insurance", "Employment insurance", "to date", "Jia Co.", "Yi Co.");

    private bool En => Lang == "en";

    public string Money(long amount) => En
        ? "NT$" + amount.ToString("N0", CultureInfo.InvariantCulture)
        : amount.ToString("N0", CultureInfo.InvariantCulture) + " 元";

    public string Seniority(int years, int days) => En
        ? $"{years} {(years == 1 ? "year" : "years")} {days} {(days == 1 ? "day" : "days")}"
        : $"{years} 年 {days} 日";

    public string NewSchemeSince(string date) => En ? $"New labour pension scheme (since {date})" : $"勞工退休金新制（{date} 起）";

    public string Shown(int shown, int total) => En ? $"Showing {shown} of {total} months." : $"已顯示 {shown} 個月，共 {total} 個月。";
}
