using Laobao.Ops.Seed;
using Laobao.Web.Data;
using Laobao.Web.Data.Bulk;

namespace Laobao.Ops.Tests.Import;

/// <summary>Every file kind, every reject reason and idempotency, on each provider (see the sealed subclasses).</summary>
public abstract class ImportTests(TestStores stores)
{
    private const string P1 = "A123456789"; // citizen, new scheme since 2005-07-01
    private const string P2 = "B222222228"; // citizen, old scheme
    private const string P3 = "A800000014"; // resident (new UI number), new scheme since 2014-01-17
    private const string P4 = "AC12345679"; // APRC holder, no scheme
    private const string U1 = "100000001";
    private const string U2 = "100000002";

    private static readonly string Stranger = SyntheticIds.NationalId('F', false, 1234567);

    [Fact]
    public async Task Persons_file_in_any_column_order_is_accepted_and_each_bad_row_rejected_with_its_reason()
    {
        using var harness = new ImportHarness(await stores.NewStoreAsync());
        var file = harness.Write(
            "persons.csv",
            "residence,name_latin,id_number,birth_date,pension_since,name,nationality,pension_scheme",
            $"citizen,\"WANG, Hsiao-ming\",{P1},1971-01-02,2005-07-01,王小明,TW,new",
            $"citizen,,{P2},1980-02-29,,李美玲,tw,old",
            $"arc,Nguyen Thi Lan,{P3},1990-05-01,2014-01-17,阮氏蘭,VN,new",
            $"aprc,John Miller,{P4},1985-03-03,,米約翰,US,none",
            "citizen,,A123456788,1971-01-02,,錯,TW,none",
            $"citizen,,{SyntheticIds.NationalId('C', true, 1)},1971/01/02,,錯,TW,none",
            $"tourist,,{SyntheticIds.ResidentNew('C', true, 2)},1971-01-02,,錯,TW,none",
            $"citizen,,{SyntheticIds.NationalId('C', true, 3)},1971-01-02,2005-07-01,錯,TW,old",
            $"citizen,,{SyntheticIds.NationalId('C', true, 4)},1971-01-02,,錯,TW,new",
            $"citizen,,{SyntheticIds.ResidentNew('C', true, 5)},1971-01-02,,錯,TW,none",
            $"arc,,{SyntheticIds.ArcOld('C', 'D', 6)},1971-01-02,2010-01-01,錯,VN,new",
            $"citizen,,{SyntheticIds.NationalId('C', true, 7)},1971-01-02,,,TW,none",
            $"citizen,,{SyntheticIds.NationalId('C', true, 8)},2030-01-02,,錯,TW,none",
            $"citizen,,{SyntheticIds.NationalId('C', true, 9)},1971-01-02,,錯,TWN,none");

        Assert.Equal(ExitCodes.SomeRowsRejected, await harness.ImportAsync("persons", file));
        Assert.Equal((4, 0, 10), harness.Counts());
        var rejects = ImportHarness.Rejects(file);
        Assert.Contains("checksum", rejects[6], StringComparison.Ordinal);
        Assert.Contains("birth_date '1971/01/02' is not an ISO date", rejects[7], StringComparison.Ordinal);
        Assert.Contains("residence 'tourist' is not one of citizen, arc, aprc", rejects[8], StringComparison.Ordinal);
        Assert.Contains("pension_since is only for pension_scheme new", rejects[9], StringComparison.Ordinal);
        Assert.Contains("pension_since is required for pension_scheme new", rejects[10], StringComparison.Ordinal);
        Assert.Contains("residence citizen needs a national ID number", rejects[11], StringComparison.Ordinal);
        Assert.Contains("is before 2014-01-17, when residence arc became eligible", rejects[12], StringComparison.Ordinal);
        Assert.Contains("name is empty", rejects[13], StringComparison.Ordinal);
        Assert.Contains("birth_date 2030-01-02 is not between 1900-01-01 and today", rejects[14], StringComparison.Ordinal);
        Assert.Contains("nationality 'TWN' is not an ISO 3166 alpha-2 code", rejects[15], StringComparison.Ordinal);

        var rejectsFile = await File.ReadAllLinesAsync(file + ".rejects.csv");
        Assert.Equal("line,reason,residence,name_latin,id_number,birth_date,pension_since,name,nationality,pension_scheme", rejectsFile[0]);
        Assert.EndsWith(",citizen,,A123456788,1971-01-02,,錯,TW,none", rejectsFile[1], StringComparison.Ordinal);

        var dump = await ImportHarness.DumpAsync(harness.Settings);
        Assert.Contains($"persons:{P1}|王小明|WANG, Hsiao-ming|1971-01-02|TW|citizen|new|2005-07-01", dump);
        Assert.Contains($"persons:{P2}|李美玲|∅|1980-02-29|TW|citizen|old|∅", dump);

        // Idempotent: the same file again changes nothing and rejects the same rows.
        Assert.Equal(ExitCodes.SomeRowsRejected, await harness.ImportAsync("persons", file));
        Assert.Equal((0, 4, 10), harness.Counts());
        Assert.Equal(dump, await ImportHarness.DumpAsync(harness.Settings));
    }

    [Fact]
    public async Task Coverage_events_replay_into_periods_and_contradictions_are_rejected()
    {
        using var harness = await WithPersonsAndUnitsAsync();
        var file = harness.Write(
            "coverage.csv",
            "id_number,unit_code,event,date,kinds,insured_salary",
            $"{P1},{U1},enrol,2020-01-01,labour+employment,27470",
            $"{P1},{U1},adjust,2024-01-01,employment+labour,27470",
            $"{P1},{U1},adjust,2025-03-01,labour+employment,30000",
            $"{P1},{U2},withdraw,2021-01-01,labour,",
            $"{P1},{U1},enrol,2022-01-01,labour,28000",
            $"{Stranger},{U1},enrol,2022-01-01,labour,28000",
            $"{P1},999999999,enrol,2022-01-01,labour,28000",
            $"{P2},{U2},adjust,2021-01-01,labour,30000",
            $"{P2},{U2},withdraw,2021-01-01,labour,30000",
            $"{P2},{U2},enrol,2021-06-01,labour+occupational,30000",
            $"{P2},{U2},enrol,2023-02-01,labour+occupational+employment,27470",
            $"{P2},{U2},withdraw,2024-06-30,labour+occupational+employment,",
            $"{P1},{U1},enrol,2020-13-01,labour,27470",
            $"{P1},{U1},join,2020-01-01,labour,27470",
            $"{P1},{U1},enrol,2020-01-01,labour+sailing,27470",
            $"{P1},{U1},enrol,2026-01-01,labour,",
            $"{P1},12345,enrol,2026-01-01,labour,27470");

        Assert.Equal(ExitCodes.SomeRowsRejected, await harness.ImportAsync("coverage-events", file));
        Assert.Equal((5, 0, 12), harness.Counts());
        var rejects = ImportHarness.Rejects(file);
        Assert.StartsWith("withdraw without enrolment", rejects[5], StringComparison.Ordinal);
        Assert.StartsWith($"enrol twice at unit {U1} for labour", rejects[6], StringComparison.Ordinal);
        Assert.StartsWith("unknown person F1", rejects[7], StringComparison.Ordinal);
        Assert.StartsWith("unknown unit 999999999", rejects[8], StringComparison.Ordinal);
        Assert.StartsWith("adjust without enrolment", rejects[9], StringComparison.Ordinal);
        Assert.Equal("insured_salary must be empty for withdraw", rejects[10]);
        Assert.StartsWith("occupational cover starts on or after 2022-05-01", rejects[11], StringComparison.Ordinal);
        Assert.Contains("'2020-13-01' is not an ISO date", rejects[14], StringComparison.Ordinal);
        Assert.Contains("event 'join' is not one of enrol, adjust, withdraw", rejects[15], StringComparison.Ordinal);
        Assert.Contains("unknown insurance kind 'sailing'", rejects[16], StringComparison.Ordinal);
        Assert.Equal("insured_salary is required for enrol", rejects[17]);
        Assert.Contains("unit_code '12345' is not 9 digits", rejects[18], StringComparison.Ordinal);

        // 30,000 is not on the 2025 grade table: a warning, not a rejection.
        var warnings = await File.ReadAllLinesAsync(file + ".warnings.csv");
        Assert.Contains(warnings, w => w.StartsWith("4,insured_salary 30000 is not a grade of the labour table", StringComparison.Ordinal));

        var dump = await ImportHarness.DumpAsync(harness.Settings);
        var segments = dump.Where(d => d.StartsWith("coverage_segments:", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            $"coverage_segments:{P1}|{U1}|employment|2020-01-01|∅|2020-01-01|2023-12-31|27470",
            $"coverage_segments:{P1}|{U1}|employment|2020-01-01|∅|2024-01-01|2025-02-28|27470",
            $"coverage_segments:{P1}|{U1}|employment|2020-01-01|∅|2025-03-01|∅|30000",
            $"coverage_segments:{P1}|{U1}|labour|2020-01-01|∅|2020-01-01|2023-12-31|27470",
            $"coverage_segments:{P1}|{U1}|labour|2020-01-01|∅|2024-01-01|2025-02-28|27470",
            $"coverage_segments:{P1}|{U1}|labour|2020-01-01|∅|2025-03-01|∅|30000",
            $"coverage_segments:{P2}|{U2}|employment|2023-02-01|2024-06-30|2023-02-01|2024-06-30|27470",
            $"coverage_segments:{P2}|{U2}|labour|2023-02-01|2024-06-30|2023-02-01|2024-06-30|27470",
            $"coverage_segments:{P2}|{U2}|occupational|2023-02-01|2024-06-30|2023-02-01|2024-06-30|27470",
        ],
            segments);
        Assert.Contains($"coverage_events:{P1}|{U1}|adjust|2024-01-01|labour+employment|27470", dump);

        Assert.Equal(ExitCodes.SomeRowsRejected, await harness.ImportAsync("coverage-events", file));
        Assert.Equal((0, 5, 12), harness.Counts());
        Assert.Equal(dump, await ImportHarness.DumpAsync(harness.Settings));
    }

    [Fact]
    public async Task Pension_contributions_and_earnings_need_a_person_in_the_new_scheme()
    {
        using var harness = await WithPersonsAndUnitsAsync();
        var contributions = harness.Write(
            "contributions.csv",
            "id_number,unit_code,month,wage,employer_amount,voluntary_amount",
            $"{P1},{U1},2024-01,27600,1656,0",
            $"{P1},{U1},2024-02,27600,1656,1656",
            $"{P2},{U1},2024-01,27600,1656,0",
            $"{P3},{U1},2013-12,27600,1656,0",
            $"{P1},{U1},2024-03,27600,1000,0",
            $"{P1},{U1},2024-04,27600,1656,2000",
            $"{P1},999999999,2024-05,27600,1656,0",
            $"{P1},{U1},2024/06,27600,1656,0",
            $"{Stranger},{U1},2024-01,27600,1656,0",
            $"{P1},{U1},2024-07,27,600,1656,0");
        Assert.Equal(ExitCodes.SomeRowsRejected, await harness.ImportAsync("pension-contributions", contributions));
        Assert.Equal((2, 0, 8), harness.Counts());
        var rejects = ImportHarness.Rejects(contributions);
        Assert.Contains("is not in the new pension scheme (pension_scheme old)", rejects[4], StringComparison.Ordinal);
        Assert.Equal("2013-12 is before the person's pension_since 2014-01-17", rejects[5]);
        Assert.Equal("employer_amount 1000 is below 6 % of wage 27600", rejects[6]);
        Assert.Equal("voluntary_amount 2000 is not 0 or 1–6 % of wage 27600", rejects[7]);
        Assert.StartsWith("unknown unit 999999999", rejects[8], StringComparison.Ordinal);
        Assert.Contains("is not an ISO month YYYY-MM", rejects[9], StringComparison.Ordinal);
        Assert.StartsWith("unknown person", rejects[10], StringComparison.Ordinal);
        Assert.Equal("the row has 7 fields but the header has 6", rejects[11]);

        var earnings = harness.Write(
            "earnings.csv",
            "year,amount,id_number",
            $"2024,5000,{P1}",
            $"2025,-1200,{P1}",
            $"2024,100,{P2}",
            $"2004,100,{P1}",
            $"2025,12.5,{P1}");
        Assert.Equal(ExitCodes.SomeRowsRejected, await harness.ImportAsync("pension-earnings", earnings));
        Assert.Equal((2, 0, 3), harness.Counts());
        var earningRejects = ImportHarness.Rejects(earnings);
        Assert.Contains("not in the new pension scheme", earningRejects[4], StringComparison.Ordinal);
        Assert.Equal("year '2004' is not a year from 2005 to 2026", earningRejects[5]);
        Assert.StartsWith("amount '12.5' is not a whole number", earningRejects[6], StringComparison.Ordinal);

        // A corrected amount for an existing key is an update, not a duplicate.
        var corrected = harness.Write("earnings-corrected.csv", "id_number,year,amount", $"{P1},2024,5100", $"{P1},2025,-1200");
        Assert.Equal(ExitCodes.Ok, await harness.ImportAsync("pension-earnings", corrected));
        Assert.Contains("1 accepted (1 updated), 1 unchanged, 0 rejected", harness.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(corrected + ".rejects.csv"));
        var dump = await ImportHarness.DumpAsync(harness.Settings);
        Assert.Contains($"pension_earnings:{P1}|2024|5100", dump);
        Assert.Contains($"pension_contributions:{P1}|{U1}|2024-02-01|27600|1656|1656", dump);
    }

    [Fact]
    public async Task Dry_run_counts_like_a_real_run_and_writes_nothing()
    {
        using var harness = await WithPersonsAndUnitsAsync();
        var file = harness.Write(
            "coverage.csv",
            "id_number,unit_code,event,date,kinds,insured_salary",
            $"{P1},{U1},enrol,2020-01-01,labour,27470",
            $"{P1},{U1},withdraw,2020-12-31,labour,",
            $"{P1},{U1},withdraw,2021-12-31,labour,");
        var before = await ImportHarness.DumpAsync(harness.Settings);
        Assert.Equal(ExitCodes.SomeRowsRejected, await harness.ImportAsync("coverage-events", file, "--dry-run", "--batch-size", "1"));
        Assert.Equal((2, 0, 1), harness.Counts());
        Assert.Contains("dry run, nothing written", harness.Output, StringComparison.Ordinal);
        Assert.Equal(before, await ImportHarness.DumpAsync(harness.Settings));
    }

    [Fact]
    public async Task A_file_without_a_required_column_is_refused_as_a_whole()
    {
        using var harness = new ImportHarness(await stores.NewStoreAsync());
        var file = harness.Write("units.csv", "unit_code,title", $"{U1},x");
        Assert.Equal(ExitCodes.Invalid, await harness.ImportAsync("units", file));
        Assert.Contains("the header lacks name", harness.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Invalid, await harness.ImportAsync("units", file + ".missing"));
        Assert.Contains("does not exist", harness.Error, StringComparison.Ordinal);

        var latin1 = harness.Write("latin1.csv", "unit_code,name", $"{U1},ok");
        await File.AppendAllBytesAsync(latin1, [(byte)'1', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'0', (byte)'2', (byte)',', 0xE9, (byte)'\n']);
        Assert.Equal(ExitCodes.Invalid, await harness.ImportAsync("units", latin1));
        Assert.Contains("is not UTF-8", harness.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_the_seed_files_in_small_batches_gives_the_store_the_seeder_writes()
    {
        var plan = new SeedPlan(120, 11, SeedCommand.DefaultAsOf, 24);
        var folder = Directory.CreateTempSubdirectory("laobao-seed-csv-").FullName;
        try
        {
            await SeedCsvWriter.WriteAsync(plan, folder, CancellationToken.None);

            using var imported = new ImportHarness(await stores.NewStoreAsync());
            foreach (var (kind, _) in SeedCsvWriter.Files.OrderBy(f => ImportOrder(f.Kind)))
            {
                Assert.Equal(ExitCodes.Ok, await imported.ImportAsync(kind, SeedCsvWriter.PathFor(folder, kind), "--batch-size", "100"));
            }

            var expected = await ImportHarness.DumpAsync(imported.Settings);
            Assert.True(expected.Count > 1000, $"the sample should be large enough to span many batches, not {expected.Count} rows");

            // The seeder writes the same population straight through the bulk paths: the same rows, segments included.
            var seeded = await stores.NewStoreAsync();
            await new Seeder(seeded).RunAsync(plan, null, CancellationToken.None);
            var seededDump = await ImportHarness.DumpAsync(seeded);
            Assert.Equal(string.Join('\n', expected.Except(seededDump).Take(5)), string.Join('\n', seededDump.Except(expected).Take(5)));
            Assert.Equal(expected, seededDump);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static int ImportOrder(string kind) => kind switch
    {
        "persons" => 0,
        "units" => 1,
        "coverage-events" => 2,
        "pension-contributions" => 3,
        _ => 4,
    };

    private async Task<ImportHarness> WithPersonsAndUnitsAsync()
    {
        var harness = new ImportHarness(await stores.NewStoreAsync());
        var persons = harness.Write(
            "persons.csv",
            "id_number,name,name_latin,birth_date,nationality,residence,pension_scheme,pension_since",
            $"{P1},王小明,,1971-01-02,TW,citizen,new,2005-07-01",
            $"{P2},李美玲,,1980-02-29,TW,citizen,old,",
            $"{P3},阮氏蘭,,1990-05-01,VN,arc,new,2014-01-17",
            $"{P4},米約翰,,1985-03-03,US,aprc,none,");
        Assert.Equal(ExitCodes.Ok, await harness.ImportAsync("persons", persons));
        var units = harness.Write("units.csv", "unit_code,name,name_latin", $"{U1},台灣精密機械股份有限公司,Taiwan Precision", $"{U2},\"大安物流, 台北\",");
        Assert.Equal(ExitCodes.Ok, await harness.ImportAsync("units", units));
        return harness;
    }
}

public sealed class SqliteImportTests(SqliteStores stores) : ImportTests(stores), IClassFixture<SqliteStores>;

public sealed class PostgresImportTests(PostgresStores stores) : ImportTests(stores), IClassFixture<PostgresStores>;
