using System.Data.Common;
using Laobao.Domain.Coverage;
using Laobao.Domain.Pension;
using Laobao.Web.Data;
using Laobao.Web.Data.Entities;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Tests.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Laobao.Web.Tests.Features.Inquiry.ReadModel;

/// <summary>Hand-checked figures for three people, on each provider (see the sealed subclasses).</summary>
public abstract class PersonInquiryReaderTests(TestStores stores)
{
    private const string Overlapping = "A123456789";
    private const string Open = "B222222228";
    private const string NoPension = "A800000014";
    private const string U1 = "100000001";
    private const string U2 = "100000002";
    private static readonly DateOnly AsOf = new(2026, 3, 31);

    [Fact]
    public async Task Overlapping_periods_count_once_and_salary_adjustments_split_a_period()
    {
        var (reader, commands) = await ReaderAsync();
        var inquiry = await reader.ReadAsync(Overlapping, AsOf);

        Assert.NotNull(inquiry);
        Assert.Equal("A12****789", inquiry.Person.MaskedIdNumber);
        Assert.Equal(3, inquiry.Coverage.Periods.Count);
        var u1Labour = Assert.Single(inquiry.Coverage.Periods, p => p.UnitCode == U1 && p.Kind == InsuranceKind.Labour);
        Assert.Equal("台灣精密機械股份有限公司", u1Labour.UnitName);
        Assert.Equal(new DateOnly(2020, 1, 1), u1Labour.Start);
        Assert.Equal(new DateOnly(2020, 12, 31), u1Labour.End);
        Assert.Equal(
            [new InsuredSalaryView(new(2020, 1, 1), new(2020, 3, 31), 27470), new InsuredSalaryView(new(2020, 4, 1), new(2020, 12, 31), 28000)],
            u1Labour.Salaries);

        // Labour: 2020-01-01..2020-12-31 at U1 overlaps 2020-07-01..2021-06-30 at U2: 366 + 181 = 547 days.
        var labour = inquiry.Coverage.Kinds.Single(k => k.Kind == InsuranceKind.Labour);
        Assert.Equal(547, labour.Seniority.TotalDays);
        Assert.Equal((1, 182), (labour.Seniority.Years, labour.Seniority.Days));
        Assert.False(labour.InsuredNow);
        Assert.Equal(new DateOnly(2021, 6, 30), labour.LastEnd);
        Assert.Equal(366, inquiry.Coverage.Kinds.Single(k => k.Kind == InsuranceKind.Employment).Seniority.TotalDays);
        Assert.Equal(0, inquiry.Coverage.Kinds.Single(k => k.Kind == InsuranceKind.Occupational).Seniority.TotalDays);
        Assert.False(inquiry.Coverage.InsuredNow);

        Assert.Equal(PensionScheme.New, inquiry.Pension.Scheme);
        Assert.Equal(new DateOnly(2005, 7, 1), inquiry.Pension.Since);
        Assert.Equal(2, inquiry.Pension.Contributions.Count);
        Assert.Equal(new MonthlyContribution(new(2020, 2, 1), U1, "台灣精密機械股份有限公司", "Taiwan Precision", 27600, 1656, 1656), inquiry.Pension.Contributions[1]);
        Assert.Equal(new PensionTotals(3312, 1656, 100), inquiry.Pension.Totals);
        Assert.Equal(5068, inquiry.Pension.Totals.Balance);
        Assert.Null(inquiry.Pension.Explanation);

        // Person, segments, contributions, earnings: four statements whatever the size of the store, sent in one round
        // trip straight through ADO.NET (one batch / one multi-statement command), so none goes through EF Core's pipeline.
        Assert.Empty(commands);
    }

    [Fact]
    public async Task An_open_period_counts_up_to_the_as_of_date_and_shows_the_current_unit()
    {
        var (reader, _) = await ReaderAsync();
        var inquiry = await reader.ReadAsync(" b222222228 ", AsOf);

        Assert.NotNull(inquiry);
        var period = Assert.Single(inquiry.Coverage.Periods, p => p.Kind == InsuranceKind.Occupational);
        Assert.True(period.IsOpen);
        Assert.Equal(29500, period.LatestInsuredSalary);
        foreach (var kind in inquiry.Coverage.Kinds)
        {
            Assert.Equal(90, kind.Seniority.TotalDays); // 31 + 28 + 31 days of 2026
            Assert.True(kind.InsuredNow);
            Assert.Equal([U2], kind.CurrentUnitCodes);
            Assert.Equal(29500, kind.CurrentInsuredSalary);
        }

        Assert.Equal(new PensionExplanation(PensionExplanationCode.NoContributionsYet, new DateOnly(2026, 1, 1)), inquiry.Pension.Explanation);
        Assert.Equal(0, inquiry.Pension.Totals.Balance);
    }

    [Fact]
    public async Task A_person_with_no_pension_data_gets_the_reason_and_an_unknown_number_gets_nothing()
    {
        var (reader, _) = await ReaderAsync();
        var inquiry = await reader.ReadAsync(NoPension, AsOf);

        Assert.NotNull(inquiry);
        Assert.Empty(inquiry.Coverage.Periods);
        Assert.All(inquiry.Coverage.Kinds, k => Assert.Equal(0, k.Seniority.TotalDays));
        Assert.Equal(PensionScheme.None, inquiry.Pension.Scheme);
        Assert.Empty(inquiry.Pension.Contributions);
        Assert.Equal(new PensionExplanation(PensionExplanationCode.ResidenceNotEligible, new DateOnly(2014, 1, 17)), inquiry.Pension.Explanation);

        Assert.Null(await reader.ReadAsync("F131104093", AsOf));
    }

    private async Task<(PersonInquiryReader Reader, List<string> Commands)> ReaderAsync()
    {
        var settings = await stores.NewStoreAsync();
        await using (var db = settings.CreateContext())
        {
            db.InsuredUnits.AddRange(
                new InsuredUnit { UnitCode = U1, Name = "台灣精密機械股份有限公司", NameLatin = "Taiwan Precision" },
                new InsuredUnit { UnitCode = U2, Name = "大安物流" });
            db.Persons.AddRange(
                new Person { IdNumber = Overlapping, Name = "王小明", BirthDate = new(1971, 1, 2), Nationality = "TW", Residence = Codes.Citizen, PensionScheme = Codes.SchemeNew, PensionSince = new(2005, 7, 1) },
                new Person { IdNumber = Open, Name = "李美玲", BirthDate = new(1980, 2, 29), Nationality = "TW", Residence = Codes.Citizen, PensionScheme = Codes.SchemeNew, PensionSince = new(2026, 1, 1) },
                new Person { IdNumber = NoPension, Name = "Nguyen Van An", BirthDate = new(1995, 5, 1), Nationality = "VN", Residence = Codes.Arc, PensionScheme = Codes.SchemeNone });
            CoverageHistory.Add(db, Overlapping,
            [
                new(U1, Codes.Enrol, new(2020, 1, 1), "labour+employment", 27470),
                new(U1, Codes.Adjust, new(2020, 4, 1), "labour+employment", 28000),
                new(U1, Codes.Withdraw, new(2020, 12, 31), "labour+employment", null),
                new(U2, Codes.Enrol, new(2020, 7, 1), "labour", 30000),
                new(U2, Codes.Withdraw, new(2021, 6, 30), "labour", null),
            ]);
            CoverageHistory.Add(db, Open, [new(U2, Codes.Enrol, new(2026, 1, 1), "labour+occupational+employment", 29500)]);
            db.PensionContributions.AddRange(
                new PensionContribution { IdNumber = Overlapping, UnitCode = U1, Month = new(2020, 2, 1), Wage = 27600, EmployerAmount = 1656, VoluntaryAmount = 1656 },
                new PensionContribution { IdNumber = Overlapping, UnitCode = U1, Month = new(2020, 1, 1), Wage = 27600, EmployerAmount = 1656, VoluntaryAmount = 0 });
            db.PensionEarnings.Add(new PensionEarning { IdNumber = Overlapping, Year = 2020, Amount = 100 });
            await db.SaveChangesAsync();
        }

        var commands = new List<string>();
        var options = settings.Provider == DatabaseProvider.Sqlite
            ? (DbContextOptions)new DbContextOptionsBuilder<SqliteLaobaoDbContext>().UseSqlite(settings.ConnectionString).AddInterceptors(new CommandLog(commands)).Options
            : new DbContextOptionsBuilder<PostgresLaobaoDbContext>().UseNpgsql(settings.ConnectionString).AddInterceptors(new CommandLog(commands)).Options;
        LaobaoDbContext context = settings.Provider == DatabaseProvider.Sqlite
            ? new SqliteLaobaoDbContext((DbContextOptions<SqliteLaobaoDbContext>)options)
            : new PostgresLaobaoDbContext((DbContextOptions<PostgresLaobaoDbContext>)options);
        return (new PersonInquiryReader(context, new FakeTimeProvider(new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero))), commands);
    }

    private sealed class CommandLog(List<string> commands) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            commands.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

public sealed class SqlitePersonInquiryReaderTests(SqliteStores stores) : PersonInquiryReaderTests(stores), IClassFixture<SqliteStores>;

public sealed class PostgresPersonInquiryReaderTests(PostgresStores stores) : PersonInquiryReaderTests(stores), IClassFixture<PostgresStores>;
