using System.Globalization;
using System.Text.Json;
using Laobao.Domain.Identity;
using Laobao.Ops.Estimates;
using Laobao.Ops.Tests.Import;
using Laobao.Web.Data;

namespace Laobao.Ops.Tests.Estimates;

/// <summary><c>laobao estimate</c> on a real store, on each provider: the SPEC §9 object, and one clear line for a bad ID.</summary>
public abstract class EstimateCommandTests(TestStores stores)
{
    private const string Person = "A123456789";
    private const string Absent = "B222222228";
    private const string Unit = "100000001";

    /// <summary>The SPEC §9 example, worked by hand: 13,149 days at 45,800 since 1990-12-02, born 1970 (legal age 65).</summary>
    private static readonly string SpecObject = (
        "{'idNumber':'A123456789','asOf':'2026-12-01','seniorityDays':13149,'insuredYears':36.0833,'averageInsuredSalary':45800,'legalClaimAge':65,"
        + "'annuity':{'eligible':true,'formulaA':15808,'formulaB':25616,'monthly':25616,'byClaimAge':["
        + "{'age':60,'percent':80,'monthly':20493},{'age':61,'percent':84,'monthly':21517},{'age':62,'percent':88,'monthly':22542},"
        + "{'age':63,'percent':92,'monthly':23567},{'age':64,'percent':96,'monthly':24591},{'age':65,'percent':100,'monthly':25616},"
        + "{'age':66,'percent':104,'monthly':26641},{'age':67,'percent':108,'monthly':27665},{'age':68,'percent':112,'monthly':28690},"
        + "{'age':69,'percent':116,'monthly':29715},{'age':70,'percent':120,'monthly':30739}]},"
        + "'lumpSum':{'eligible':false,'amount':null},"
        + "'oldSystemLumpSum':{'available':true,'averageInsuredSalary':45800,'months':45,'amount':2061000}}").Replace('\'', '"');

    private async Task<DatabaseSettings> StoreWithSpecPersonAsync()
    {
        using var harness = new ImportHarness(await stores.NewStoreAsync());
        Assert.Equal(ExitCodes.Ok, await harness.ImportAsync("persons", harness.Write(
            "persons.csv",
            "id_number,name,name_latin,birth_date,nationality,residence,pension_scheme,pension_since",
            $"{Person},王小明,,1970-05-01,TW,citizen,old,")));
        Assert.Equal(ExitCodes.Ok, await harness.ImportAsync("units", harness.Write("units.csv", "unit_code,name,name_latin", $"{Unit},台灣精密機械股份有限公司,")));
        var code = await harness.ImportAsync("coverage-events", harness.Write(
            "coverage.csv",
            "id_number,unit_code,event,date,kinds,insured_salary",
            $"{Person},{Unit},enrol,1990-12-02,labour+employment,45800"));
        // 45,800 was not yet a grade in 1990: a warning, never a rejection (SPEC §2).
        Assert.Equal((1, 0, 0), harness.Counts());
        Assert.True(code is ExitCodes.Ok or ExitCodes.SomeRowsRejected);
        return harness.Settings;
    }

    private static async Task<OpsRun> RunAsync(DatabaseSettings settings, params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await EstimateCommand.RunAsync(args, output, error, () => settings, TimeProvider.System);
        return new OpsRun(exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Json_prints_exactly_the_spec_object()
    {
        var settings = await StoreWithSpecPersonAsync();

        var run = await RunAsync(settings, Person, "--as-of", "2026-12-01", "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Equal(SpecObject + Environment.NewLine, run.Output);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(
            ["idNumber", "asOf", "seniorityDays", "insuredYears", "averageInsuredSalary", "legalClaimAge", "annuity", "lumpSum", "oldSystemLumpSum"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task The_built_command_prints_the_object_as_its_only_output()
    {
        var settings = await StoreWithSpecPersonAsync();
        using var process = LaobaoProcess.Start(settings, Directory.CreateTempSubdirectory("laobao-estimate-").FullName, "estimate", "a123456789", "--as-of", "2026-12-01", "--json");

        var run = await process.WaitAsync();

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(SpecObject + Environment.NewLine, run.Output);
        Assert.Equal(string.Empty, run.Error);
    }

    [Fact]
    public async Task Without_json_it_prints_the_figures_as_text()
    {
        var settings = await StoreWithSpecPersonAsync();

        var run = await RunAsync(settings, Person, "--as-of", "2026-12-01");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("A12****789, as of 115/12/01 (2026-12-01)", run.Output, StringComparison.Ordinal);
        Assert.Contains("formula A NT$15,808, formula B NT$25,616, monthly NT$25,616", run.Output, StringComparison.Ordinal);
        Assert.Contains("NT$45,800 × 45 months = NT$2,061,000", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_id_is_one_clear_line_and_exit_1()
    {
        var settings = await StoreWithSpecPersonAsync();

        var run = await RunAsync(settings, Absent, "--json");

        run.AssertOneErrorLine(ExitCodes.Invalid, "laobao estimate: no person with ID B22****228 is on record");
    }

    [Fact]
    public async Task An_invalid_id_says_which_rule_it_breaks_and_exits_1()
    {
        var settings = await StoreWithSpecPersonAsync();
        Assert.False(TaiwanId.TryParse("A123456788", out _, out var problem));

        var run = await RunAsync(settings, "A123456788", "--json");

        run.AssertOneErrorLine(ExitCodes.Invalid, "laobao estimate: " + problem.Message);
        Assert.Contains("checksum", run.Error, StringComparison.Ordinal);
    }
}

public sealed class SqliteEstimateCommandTests(SqliteStores stores) : EstimateCommandTests(stores), IClassFixture<SqliteStores>;

public sealed class PostgresEstimateCommandTests(PostgresStores stores) : EstimateCommandTests(stores), IClassFixture<PostgresStores>;

/// <summary>Usage errors never reach a store: exit 2 with the usage.</summary>
public sealed class EstimateUsageTests
{
    [Theory]
    [InlineData("laobao estimate: missing ID. Usage: laobao estimate ID [--as-of YYYY-MM-DD] [--json]")]
    [InlineData("laobao estimate: --as-of '2026-13-01' is not a date YYYY-MM-DD. Usage: laobao estimate ID [--as-of YYYY-MM-DD] [--json]", "A123456789", "--as-of", "2026-13-01")]
    [InlineData("laobao estimate: unknown option '--xml'. Usage: laobao estimate ID [--as-of YYYY-MM-DD] [--json]", "A123456789", "--xml")]
    [InlineData("laobao estimate: expected one ID. Usage: laobao estimate ID [--as-of YYYY-MM-DD] [--json]", "A123456789", "B222222228")]
    public async Task Usage_errors_exit_2(string line, params string[] args)
    {
        var run = await OpsRun.RunAsync(["estimate", .. args]);

        run.AssertOneErrorLine(ExitCodes.Usage, line);
    }
}
