using Laobao.Web.Data;
using Laobao.Web.Tests.Features.MobileApi;

namespace Laobao.Web.Tests.Features.Estimates;

/// <summary>試算 / Estimates on the e-desk: linked from 個人查詢, the API's figures, both languages and calendars.</summary>
public sealed class EstimatesPageTests
{
    [Fact]
    public void The_app_and_the_e_desk_name_the_estimates_menu_with_the_same_words()
    {
        var desk = Laobao.Web.Features.Estimates.EstimateCopy.Entries["menu"];
        Assert.Equal(("老年給付試算", "Old-age estimates"), (desk.ZhTw, desk.En));
        Assert.Equal(desk.ZhTw, Laobao.App.Features.Estimates.EstimatesCopy.Get("menu", Laobao.App.Localization.AppLanguage.ZhTw));
        Assert.Equal(desk.En, Laobao.App.Features.Estimates.EstimatesCopy.Get("menu", Laobao.App.Localization.AppLanguage.En));
    }

    [Fact]
    public async Task The_desk_page_shows_the_figures_the_api_gives_with_how_they_were_worked_out()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        var desk = await world.DeskAsync(People.Wang);

        var index = await desk.Http.GetStringAsync(new Uri("desk/inquiry?lang=zh-TW", UriKind.Relative));
        Assert.Contains("href=\"/desk/inquiry/estimates\">老年給付試算</a>", index, StringComparison.Ordinal);

        var zh = await desk.Http.GetStringAsync(new Uri("desk/inquiry/estimates?lang=zh-TW", UriKind.Relative));
        Assert.Contains("<dd id=\"seniority-days\">5,904 日</dd>", zh, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"average-salary\">NT$45,800</dd>", zh, StringComparison.Ordinal);
        Assert.Contains("<input type=\"range\" id=\"claimAge\" name=\"claimAge\" min=\"60\" max=\"70\" step=\"1\" value=\"65\" />", zh, StringComparison.Ordinal);
        Assert.Contains("於 65 歲請領 (125/01/02 (2036-01-02), 100 %): <strong>NT$11,536</strong>", zh, StringComparison.Ordinal);
        Assert.Contains("<details id=\"how-worked-out\">", zh, StringComparison.Ordinal);
        Assert.Contains("列入平均的月份（60 個月）", zh, StringComparison.Ordinal);
        Assert.Contains("<td>115/03 (2026-03)</td><td>NT$45,800</td>", zh, StringComparison.Ordinal);
        Assert.Contains("第二式，每月 NT$11,536", zh, StringComparison.Ordinal);

        var en = await desk.Http.GetStringAsync(new Uri("desk/inquiry/estimates?lang=en&claimAge=60", UriKind.Relative));
        Assert.Contains("Claimed at 60 (120/01/02 (2031-01-02), 80 %): <strong>NT$9,229</strong>", en, StringComparison.Ordinal);
        Assert.Contains("data-key=\"assumed-return\">1.7 % (the guaranteed minimum", en, StringComparison.Ordinal);
        // Values that are Laobao's own assumptions say so on screen (docs/estimates.md gives their sources).
        Assert.Contains("Laobao&#x27;s assumption, not a published figure", en, StringComparison.Ordinal);
        Assert.Contains("data-key=\"annuity-basis\">Assumed: life expectancy at 60 of 24 years", en, StringComparison.Ordinal);
        Assert.Contains("data-key=\"top-grade-history\">Assumed: months before 103/07/01 (2014-07-01) are capped", en, StringComparison.Ordinal);
        Assert.Contains("There is no lump sum to compare with", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostile_value_on_the_page_is_a_sentence_and_the_record_alone_is_shown()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        var desk = await world.DeskAsync(People.Wang);

        using var response = await desk.Http.GetAsync(new Uri("desk/inquiry/estimates?lang=en&voluntaryRate=99999999999999999", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"scenario-problem\" role=\"alert\" data-parameter=\"voluntaryRate\">voluntaryRate must be a percentage", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"average-salary\">NT$45,800</dd>", html, StringComparison.Ordinal);
    }
}
