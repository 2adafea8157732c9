using Laobao.Web.Data;
using Laobao.Web.Features.Inquiry;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Localization;
using Laobao.Web.Tests.Features.MobileApi;
using Laobao.Web.Tests.Security;
using Microsoft.Extensions.Time.Testing;

namespace Laobao.Web.Tests.Features.Inquiry;

public sealed class InquiryServiceTests
{
    private static readonly DateOnly AsOf = new(2026, 3, 1);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task CoverageOfOverlappingCareersMatchesTheHandCount(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Context();
        await People.AddAsync(db);

        var report = (await new InquiryService(new PersonInquiryReader(db, time), time).CoverageAsync(People.Wang, AsOf, CancellationToken.None))!;

        Assert.Equal("115/03/01 (2026-03-01)", report.AsOf.Display);
        Assert.Collection(
            report.Periods,
            p => Assert.Equal(("111111111", "labour", "099/01/01 (2010-01-01)", "101/12/31 (2012-12-31)", 36300), (p.UnitCode, p.Kind, p.Start.Display, p.End!.Display, p.CurrentInsuredSalary)),
            p => Assert.Equal(("111111111", "employment", "099/01/01 (2010-01-01)"), (p.UnitCode, p.Kind, p.Start.Display)),
            p => Assert.Equal(("222222222", "乙公司", "labour", "2012-07-01", null, 45800), (p.UnitCode, p.UnitName, p.Kind, p.Start.Iso, p.End, p.CurrentInsuredSalary)));
        var raise = report.Periods[0].SalarySteps;
        Assert.Equal([30300, 36300], raise.Select(s => s.InsuredSalary));
        Assert.Equal("100/06/30 (2011-06-30)", raise[0].To!.Display);

        // Labour: one unbroken stretch 2010-01-01..2026-03-01 because unit 2 began before unit 1 ended:
        // 16 years of 365 days + 4 leap days (2012, 2016, 2020, 2024) = 5844 to 2026-01-01, + 59 to 03-01, + 1 both ends = 5904.
        // Employment: 2010-01-01..2012-12-31 = 365 + 365 + 366 = 1096 days = 3 years 1 day.
        Assert.Collection(
            report.Seniority,
            s => Assert.Equal(("labour", 16, 64, 5904), (s.Kind, s.Years, s.Days, s.TotalDays)),
            s => Assert.Equal(("occupational", 0, 0, 0), (s.Kind, s.Years, s.Days, s.TotalDays)),
            s => Assert.Equal(("employment", 3, 1, 1096), (s.Kind, s.Years, s.Days, s.TotalDays)));

        Assert.True(report.Current.Insured);
        var unit = Assert.Single(report.Current.Units);
        Assert.Equal(("222222222", 45800, "101/07/01 (2012-07-01)"), (unit.UnitCode, unit.InsuredSalary, unit.Since.Display));
        Assert.Equal(["labour"], unit.Kinds);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task PensionShowsSchemeContributionsAndTotals(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Context();
        await People.AddAsync(db);

        var report = (await new InquiryService(new PersonInquiryReader(db, time), time).PensionAsync(People.Wang, 1, 60, UiLanguage.ZhTw, CancellationToken.None))!;

        Assert.Equal("new", report.Scheme);
        Assert.Equal("094/07/01 (2005-07-01)", report.Since!.Display);
        Assert.Null(report.NoData);
        Assert.Equal(2, report.TotalContributions);
        Assert.Equal(["114/02 (2025-02)", "114/01 (2025-01)"], report.Contributions.Select(c => c.Month.Display));
        Assert.Equal(("乙公司", 45800, 2748, 1374), (report.Contributions[0].UnitName, report.Contributions[0].Wage, report.Contributions[0].EmployerAmount, report.Contributions[0].VoluntaryAmount));
        Assert.Equal(new Laobao.Client.PensionTotalsView(5496, 1374, 120, 6990), report.Totals);

        var second = (await new InquiryService(new PersonInquiryReader(db, time), time).PensionAsync(People.Wang, 2, 1, UiLanguage.ZhTw, CancellationToken.None))!;
        Assert.Equal("114/01 (2025-01)", Assert.Single(second.Contributions).Month.Display);
        Assert.Equal(new Laobao.Client.PensionTotalsView(5496, 1374, 120, 6990), second.Totals);
    }

    [Fact]
    public async Task PersonsWithoutPensionDataAreToldWhy()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.Context();
        await People.AddAsync(db);
        var inquiry = new InquiryService(new PersonInquiryReader(db, time), time);

        var old = (await inquiry.PensionAsync(People.Chen, 1, 60, UiLanguage.ZhTw, CancellationToken.None))!;
        Assert.Equal(("old", "old-scheme"), (old.Scheme, old.NoData!.Code));
        Assert.Contains("舊制", old.NoData.Message, StringComparison.Ordinal);

        var arc = (await inquiry.PensionAsync(People.Smith, 1, 60, UiLanguage.En, CancellationToken.None))!;
        Assert.Equal("residence-not-eligible", arc.NoData!.Code);
        Assert.Equal("103/01/17 (2014-01-17)", arc.NoData.EligibleFrom!.Display);
        Assert.Empty(arc.Contributions);
        Assert.Equal(new Laobao.Client.PensionTotalsView(0, 0, 0, 0), arc.Totals);

        var aprc = (await inquiry.PensionAsync(People.Nguyen, 1, 60, UiLanguage.En, CancellationToken.None))!;
        Assert.Equal("residence-not-eligible", aprc.NoData!.Code);
        Assert.Equal("108/05/17 (2019-05-17)", aprc.NoData.EligibleFrom!.Display);
        Assert.Contains("108/05/17 (2019-05-17)", aprc.NoData.Message, StringComparison.Ordinal);

        var coverage = (await inquiry.CoverageAsync(People.Nguyen, AsOf, CancellationToken.None))!;
        Assert.Empty(coverage.Periods);
        Assert.False(coverage.Current.Insured);
        Assert.All(coverage.Seniority, s => Assert.Equal(0, s.TotalDays));
    }
}
