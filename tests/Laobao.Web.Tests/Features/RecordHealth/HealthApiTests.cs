using System.Net.Http.Headers;
using System.Net.Http.Json;
using Laobao.Client;
using Laobao.Domain.RecordHealth;
using Laobao.Web.Data;
using Laobao.Web.Tests.Features.MobileApi;

namespace Laobao.Web.Tests.Features.RecordHealth;

/// <summary>
/// GET /api/v1/me/health and the check at the top of 投保資料查詢, on the hand-made people of <see cref="People"/> as of
/// 2026-03-01: 王小明 is a citizen in the new scheme covered at two units without a break, with contributions only for
/// 2025-01 and 2025-02 at unit 222222222, so every other due month is missing; 陳美 has no cover at all: a clean record.
/// </summary>
public sealed class HealthApiTests
{
    [Fact]
    public async Task The_api_names_the_missing_pension_months_in_both_calendars_and_languages()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var phone = await world.LinkPhoneAsync(People.Wang);
        var tokens = await phone.SignInAsync();

        var zh = await phone.Api.GetHealthAsync(tokens.AccessToken);
        Assert.False(zh.Clean);
        Assert.Equal("2026-03-01", zh.AsOf.Iso);
        Assert.All(zh.Findings, f => Assert.Equal(HealthCodes.PensionMonthMissing, f.Code));
        var second = Assert.Single(zh.Findings, f => f.UnitCode == "222222222");
        // Due through 2025-12 (paid by the end of 2026-02); 2025-01 and 2025-02 were paid.
        Assert.Equal("101/07 (2012-07)", second.Months[0].Display);
        Assert.Equal("2025-12", second.Months[^1].Iso);
        Assert.DoesNotContain(second.Months, m => m.Iso is "2025-01" or "2025-02");
        Assert.Contains("乙公司", second.Meaning, StringComparison.Ordinal);
        Assert.Contains("雇主", second.Advice, StringComparison.Ordinal);

        using var http = world.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var en = (await http.GetFromJsonAsync<HealthReport>(new Uri("api/v1/me/health?lang=en", UriKind.Relative)))!;
        Assert.Equal(zh.Findings.Select(f => f.Code), en.Findings.Select(f => f.Code));
        Assert.Contains("Yi Co.", en.Findings.Single(f => f.UnitCode == "222222222").Meaning, StringComparison.Ordinal);
        Assert.Contains("ask your employer", en.Findings[0].Advice, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("2 things", en.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_coverage_page_shows_the_findings_on_top_and_a_clean_record_says_so()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        var wang = await world.DeskAsync(People.Wang);
        var page = await wang.Http.GetStringAsync(new Uri("desk/inquiry/coverage", UriKind.Relative));
        Assert.True(page.IndexOf("id=\"record-health\"", StringComparison.Ordinal) < page.IndexOf("id=\"periods-title\"", StringComparison.Ordinal));
        Assert.Contains("data-code=\"pension-month-missing\"", page, StringComparison.Ordinal);
        Assert.Contains("101/07 (2012-07)–113/12 (2024-12)、114/03 (2025-03)–114/12 (2025-12)", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/desk/cases/new?code=pension-month-missing&amp;unit=111111111", page, StringComparison.Ordinal);
        var english = await wang.Http.GetStringAsync(new Uri("desk/inquiry/coverage?lang=en", UriKind.Relative));
        Assert.Contains("Months without a labour-pension contribution", english, StringComparison.Ordinal);
        Assert.Contains("Report a problem", english, StringComparison.Ordinal);

        var chen = await world.DeskAsync(People.Chen);
        var clean = await chen.Http.GetStringAsync(new Uri("desk/inquiry/coverage?lang=zh-TW", UriKind.Relative));
        Assert.Contains("您的投保紀錄沒有發現需要注意的地方。", clean, StringComparison.Ordinal);
        var cleanEn = await chen.Http.GetStringAsync(new Uri("desk/inquiry/coverage?lang=en", UriKind.Relative));
        Assert.Contains("We found nothing that looks wrong in your record.", cleanEn, StringComparison.Ordinal);
    }
}
