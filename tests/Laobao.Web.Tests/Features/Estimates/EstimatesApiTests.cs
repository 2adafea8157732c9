using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Laobao.Client;
using Laobao.Web.Data;
using Laobao.Web.Features.Estimates;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Localization;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.Extensions.DependencyInjection;

namespace Laobao.Web.Tests.Features.Estimates;

/// <summary>
/// GET /api/v1/me/estimates for 王小明 (People.Wang), worked by hand: born 1971-01-02 (legal age 65); labour cover from
/// 2010-01-01 without a break to the world's today 2026-03-01: D = 5,844 + 60 = 5,904 days, Y = 16 + ⌈64/30⌉/12 = 16.25.
/// Every month from 2014-07 is at 45,800, so S = 45,800; A = 744,250 × 0.775 % + 3,000 = 8,767.94 → 8,768;
/// B = 744,250 × 1.55 % = 11,535.88 → 11,536. No seniority before 2009: no old-system option, no break-even.
/// </summary>
public sealed class EstimatesApiTests
{
    [Fact]
    public async Task The_estimate_is_the_hand_worked_one_with_how_it_was_worked_out()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var phone = await world.LinkPhoneAsync(People.Wang);
        var tokens = await phone.SignInAsync();

        var report = await phone.Api.GetEstimatesAsync(tokens.AccessToken, "lang=en");

        var f = report.Figures;
        Assert.Equal("A12****789", f.IdNumber);
        Assert.Equal("2026-03-01", f.AsOf);
        Assert.Equal(5_904, f.SeniorityDays);
        Assert.Equal(16.25m, f.InsuredYears);
        Assert.Equal(45_800, f.AverageInsuredSalary);
        Assert.Equal(65, f.LegalClaimAge);
        Assert.Equal((true, 8_768, 11_536, 11_536), (f.Annuity.Eligible, f.Annuity.FormulaA, f.Annuity.FormulaB, f.Annuity.Monthly));
        Assert.Equal(Enumerable.Range(60, 11), f.Annuity.ByClaimAge.Select(a => a.Age));
        Assert.False(f.LumpSum.Eligible);
        Assert.False(f.OldSystemLumpSum.Available);
        Assert.Null(report.BreakEven);
        Assert.Equal("125/01/02 (2036-01-02)", report.LegalClaimDate.Display);
        Assert.Equal(new ClaimChoiceView(65, 100, 11_536, report.LegalClaimDate), report.Chosen);

        // How it was worked out: the 60 months averaged (the latest 60 of the equal highest), the formula that won, the articles.
        var x = report.Explanation;
        Assert.Equal(60, x.AveragedMonths.Count);
        Assert.Equal("2021-04", x.AveragedMonths[0].Month.Iso);
        Assert.Equal("115/03 (2026-03)", x.AveragedMonths[^1].Month.Display);
        Assert.All(x.AveragedMonths, m => Assert.Equal(45_800, m.Salary));
        Assert.Contains("formula B, NT$11,536 a month", x.Formula, StringComparison.Ordinal);
        Assert.Contains(x.Articles, a => a.Contains("Art. 58-1", StringComparison.Ordinal));

        // The pension account: 2,748 + 2,748 + 1,374 contributed and 120 credited; no contribution in the last two months.
        Assert.NotNull(report.Pension);
        Assert.Equal(6_990, report.Pension.BalanceToday);
        Assert.Null(report.Pension.Wage);
        Assert.Equal(0, report.Pension.FutureEmployer);
        Assert.Contains(report.Assumptions, a => a.Key == "assumed-return" && a.Value.StartsWith("1.7 %", StringComparison.Ordinal));
        Assert.Null(report.Notice);

        // The same service the e-desk page uses gives the same figures.
        using var scope = world.Factory.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<EstimateService>();
        var same = await service.ReportAsync(People.Wang, new DateOnly(2026, 3, 1), EstimateScenario.None, UiLanguage.En, CancellationToken.None);
        Assert.Equal(JsonSerializer.Serialize(same!.Report!.Figures), JsonSerializer.Serialize(f));
    }

    [Fact]
    public async Task A_scenario_moves_the_claim_age_keeps_working_and_projects_the_pension()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var phone = await world.LinkPhoneAsync(People.Wang);
        var tokens = await phone.SignInAsync();

        var report = await phone.Api.GetEstimatesAsync(tokens.AccessToken, "claimAge=60&workUntil=60&voluntaryRate=6&assumedReturn=0&salary=40000");

        // Five years early: 11,536 × 80 % = 9,228.8 → 9,229.
        Assert.Equal((60, 80, 9_229), (report.Chosen!.Age, report.Chosen.Percent, report.Chosen.Monthly));
        // On to the day before 60 (2031-01-01) at 40,000 (not a grade: the scenario uses it as given, under the top grade).
        var keep = report.KeepWorking!;
        Assert.Equal("2031-01-01", keep.LastDay.Iso);
        Assert.Equal(40_000, keep.InsuredSalary);
        Assert.True(keep.Figures.SeniorityDays > report.Figures.SeniorityDays);
        // From April 2026 to January 2031 (the month of the 60th birthday, 2 January): 58 months of 40,000 × (6 % + 6 %)
        // = 2,400 + 2,400, no return assumed.
        var pension = report.Pension!;
        Assert.Equal(40_000, pension.Wage);
        Assert.Equal(58 * 2_400, pension.FutureEmployer);
        Assert.Equal(58 * 2_400, pension.FutureVoluntary);
        Assert.Equal(6_990 + (58 * 4_800), pension.BalanceAtClaim);
        Assert.False(pension.MonthlyPension);
        Assert.Contains(report.Assumptions, a => a.Key == "voluntary-rate" && a.Value == "6 %");
        Assert.Contains(report.Assumptions, a => a.Key == "keep-working");
    }

    [Theory]
    [InlineData("claimAge=-1", "claimAge")]
    [InlineData("claimAge=999", "claimAge")]
    [InlineData("claimAge=abc", "claimAge")]
    [InlineData("claimAge=1e3", "claimAge")]
    [InlineData("claimAge=60.5", "claimAge")]
    [InlineData("claimAge=99999999999999999999999999", "claimAge")]
    [InlineData("claimAge=2147483648", "claimAge")]
    [InlineData("claimAge=59", "claimAge")] // 55–70 for anyone, but 60–70 for someone born in 1971
    [InlineData("claimAge=60&claimAge=61", "claimAge")]
    [InlineData("workUntil=-30", "workUntil")]
    [InlineData("workUntil=40", "workUntil")] // already 55
    [InlineData("workUntil=%00", "workUntil")]
    [InlineData("voluntaryRate=7", "voluntaryRate")]
    [InlineData("voluntaryRate=-1", "voluntaryRate")]
    [InlineData("voluntaryRate=NaN", "voluntaryRate")]
    [InlineData("voluntaryRate=6.001", "voluntaryRate")]
    [InlineData("voluntaryRate=Infinity", "voluntaryRate")]
    [InlineData("assumedReturn=1000", "assumedReturn")]
    [InlineData("assumedReturn=-50", "assumedReturn")]
    [InlineData("assumedReturn=1%2C5", "assumedReturn")]
    [InlineData("salary=-5", "salary")]
    [InlineData("salary=0", "salary")]
    [InlineData("salary=10000000", "salary")]
    [InlineData("salary=1,000", "salary")]
    [InlineData("salary=79228162514264337593543950336", "salary")]
    public async Task Hostile_scenario_values_are_problem_documents_naming_the_parameter(string query, string parameter)
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var phone = await world.LinkPhoneAsync(People.Wang);
        var tokens = await phone.SignInAsync();
        using var http = world.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);

        using var response = await http.GetAsync(new Uri("api/v1/me/estimates?" + query + "&lang=en", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = problem.RootElement;
        Assert.Equal(EstimateErrorCodes.ScenarioInvalid, root.GetProperty("code").GetString());
        Assert.Equal(parameter, root.GetProperty("parameter").GetString());
        Assert.StartsWith(parameter + " ", root.GetProperty("messages").GetProperty("en").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(parameter + " ", root.GetProperty("messages").GetProperty("zh-TW").GetString(), StringComparison.Ordinal);
        Assert.Equal(root.GetProperty("messages").GetProperty("en").GetString(), root.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Without_a_token_the_estimate_is_refused()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var http = world.Http();

        using var response = await http.GetAsync(new Uri("api/v1/me/estimates", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_person_without_labour_cover_gets_a_sentence_not_a_zero()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var scope = world.Factory.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<EstimateService>();

        var outcome = await service.ReportAsync(People.Chen, new DateOnly(2026, 3, 1), EstimateScenario.None, UiLanguage.En, CancellationToken.None);

        var report = outcome!.Report!;
        Assert.Equal(0, report.Figures.SeniorityDays);
        Assert.Null(report.Figures.AverageInsuredSalary);
        Assert.StartsWith("There is no labour-insurance cover on your record", report.Notice, StringComparison.Ordinal);
        Assert.StartsWith("You are under the old pension scheme", report.PensionNotice, StringComparison.Ordinal);
        Assert.Null(report.Chosen);
    }

    [Fact]
    public async Task A_person_past_every_age_of_the_table_gets_a_sentence()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = world.Database.Context())
        {
            // 陳美 (born 1960, legal age 63): insured 1985–2020, and on 2036-01-01 she is 75, past 68.
            db.CoverageSegments.Add(new Laobao.Web.Data.Entities.CoverageSegment
            {
                IdNumber = People.Chen, UnitCode = "111111111", Kind = Codes.Labour, PeriodStart = new(1985, 1, 1), PeriodEnd = new(2020, 12, 31),
                SegmentStart = new(1985, 1, 1), SegmentEnd = new(2020, 12, 31), InsuredSalary = 40_100,
            });
            await db.SaveChangesAsync();
        }

        using var scope = world.Factory.Services.CreateScope();
        var reader = scope.ServiceProvider.GetRequiredService<PersonInquiryReader>();
        var inquiry = await reader.ReadAsync(People.Chen, new DateOnly(2036, 1, 1));
        var zh = EstimateService.Report(EstimateService.Work(inquiry!, new DateOnly(2036, 1, 1), EstimateScenario.None), UiLanguage.ZhTw);
        var en = EstimateService.Report(EstimateService.Work(inquiry!, new DateOnly(2036, 1, 1), EstimateScenario.None), UiLanguage.En);

        Assert.StartsWith("您現年 75 歲，已超過試算表的最後年齡（68 歲", zh.Notice, StringComparison.Ordinal);
        Assert.StartsWith("You are 75, past the last age in the table (68,", en.Notice, StringComparison.Ordinal);
        Assert.True(en.Figures.OldSystemLumpSum.Available);
        Assert.NotNull(en.BreakEven);
    }
}
