using Laobao.Web.Data;
using Laobao.Web.Features.Alerts;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Ops.Tests.Import;

/// <summary>
/// Imports queue record alerts (SPEC §12), coalesced per person per day: enrolled, withdrawn, salary changed, and a
/// pension month missing once a unit's month was imported; none with --no-alerts, none for an unchanged re-import.
/// </summary>
public abstract class ImportAlertsTests(TestStores stores)
{
    private const string P1 = "A123456789"; // citizen, new scheme since 2005-07-01
    private const string P3 = "A800000014"; // resident in the new scheme since 2014-01-17
    private const string U1 = "100000001";

    private static readonly DateOnly Today = new(2026, 11, 27);

    private static async Task<ImportHarness> WorldAsync(TestStores stores)
    {
        var harness = new ImportHarness(await stores.NewStoreAsync());
        Assert.Equal(0, await harness.ImportAsync("persons", harness.Write(
            "persons.csv",
            "id_number,name,name_latin,birth_date,nationality,residence,pension_scheme,pension_since",
            $"{P1},王小明,,1971-01-02,TW,citizen,new,2005-07-01",
            $"{P3},阮氏蘭,Nguyen Thi Lan,1990-05-01,VN,arc,new,2014-01-17")));
        Assert.Equal(0, await harness.ImportAsync("units", harness.Write("units.csv", "unit_code,name,name_latin", $"{U1},甲公司,Jia Co.")));
        return harness;
    }

    private static async Task<Dictionary<string, AlertChanges>> AlertsAsync(ImportHarness harness)
    {
        await using var db = harness.Settings.CreateContext();
        var rows = await db.Set<RecordAlert>().AsNoTracking().ToListAsync();
        Assert.All(rows, r => Assert.Equal(Today, r.Day));
        return rows.ToDictionary(r => r.IdNumber, r => (AlertChanges)r.Changes);
    }

    [Fact]
    public async Task Enrolment_withdrawal_and_a_salary_change_of_one_day_coalesce_into_one_alert_per_person()
    {
        using var harness = await WorldAsync(stores);
        var header = "id_number,unit_code,event,date,kinds,insured_salary";
        Assert.Equal(0, await harness.ImportAsync("coverage-events", harness.Write("e1.csv", header,
            $"{P1},{U1},enrol,2020-01-01,labour+employment,30300",
            $"{P3},{U1},enrol,2021-01-01,labour,30300")));
        Assert.Equal(new Dictionary<string, AlertChanges> { [P1] = AlertChanges.Enrolled, [P3] = AlertChanges.Enrolled }, await AlertsAsync(harness));

        // The same day: a salary drop for one, a withdrawal for the other, in a second file; still one row each.
        var second = harness.Write("e2.csv", header,
            $"{P1},{U1},adjust,2026-10-01,labour+employment,28590",
            $"{P3},{U1},withdraw,2026-10-31,labour,");
        Assert.Equal(0, await harness.ImportAsync("coverage-events", second));
        var alerts = await AlertsAsync(harness);
        Assert.Equal(AlertChanges.Enrolled | AlertChanges.SalaryChanged, alerts[P1]);
        Assert.Equal(AlertChanges.Enrolled | AlertChanges.Withdrawn, alerts[P3]);

        // Importing the same file again changes nothing, and queues nothing new.
        await using (var db = harness.Settings.CreateContext())
        {
            await db.Set<RecordAlert>().ExecuteDeleteAsync();
        }

        Assert.Equal(0, await harness.ImportAsync("coverage-events", second));
        Assert.Empty(await AlertsAsync(harness));
    }

    [Fact]
    public async Task With_alerts_off_the_import_queues_nothing()
    {
        using var harness = await WorldAsync(stores);
        Assert.Equal(0, await harness.ImportAsync("coverage-events", harness.Write("e1.csv", "id_number,unit_code,event,date,kinds,insured_salary",
            $"{P1},{U1},enrol,2020-01-01,labour,30300"), "--no-alerts"));
        Assert.Empty(await AlertsAsync(harness));
    }

    [Fact]
    public async Task A_unit_month_imported_without_a_covered_person_queues_a_missing_pension_month_for_them_only()
    {
        using var harness = await WorldAsync(stores);
        Assert.Equal(0, await harness.ImportAsync("coverage-events", harness.Write("e1.csv", "id_number,unit_code,event,date,kinds,insured_salary",
            $"{P1},{U1},enrol,2020-01-01,labour,30300",
            $"{P3},{U1},enrol,2020-01-01,labour,30300"), "--no-alerts"));

        // The unit reports 2026-09 for 王小明 only; 阮氏蘭 was covered there that month too.
        Assert.Equal(0, await harness.ImportAsync("pension-contributions", harness.Write("c.csv", "id_number,unit_code,month,wage,employer_amount,voluntary_amount",
            $"{P1},{U1},2026-09,30300,1818,0")));
        var alerts = await AlertsAsync(harness);
        Assert.Equal(AlertChanges.PensionMonthMissing, Assert.Single(alerts).Value);
        Assert.Equal(P3, alerts.Single().Key);
    }
}

public sealed class SqliteImportAlertsTests(SqliteStores stores) : ImportAlertsTests(stores), IClassFixture<SqliteStores>;

public sealed class PostgresImportAlertsTests(PostgresStores stores) : ImportAlertsTests(stores), IClassFixture<PostgresStores>;
