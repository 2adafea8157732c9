using Microsoft.EntityFrameworkCore;
using Laobao.Ops.Database;
using Laobao.Ops.Tests.Import;
using Laobao.Web.Data;

namespace Laobao.Ops.Tests.Database;

public sealed class DbCommandTests
{
    [Fact]
    public async Task Migrate_creates_the_schema_and_a_second_run_finds_it_up_to_date()
    {
        var folder = Directory.CreateTempSubdirectory("laobao-db-").FullName;
        try
        {
            var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "sub", "laobao.db")};Pooling=False");
            using var output = new StringWriter();
            Assert.Equal(ExitCodes.Ok, await DbCommand.RunAsync(settings, ["migrate"], output, CancellationToken.None));
            // Every feature adds its own migration, so the count comes from the migration set, not a constant.
            int migrations;
            using (var context = settings.CreateContext())
            {
                migrations = context.Database.GetMigrations().Count();
            }

            Assert.Contains($"applied {migrations} migration(s)", output.ToString(), StringComparison.Ordinal);
            Assert.Equal(ExitCodes.Ok, await DbCommand.RunAsync(settings, ["migrate"], output, CancellationToken.None));
            Assert.Contains("schema is up to date", output.ToString(), StringComparison.Ordinal);
            using var harness = new ImportHarness(settings);
            Assert.Empty(await ImportHarness.DumpAsync(settings));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Unknown_sub_command_or_file_kind_is_a_usage_error()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(ExitCodes.Usage, await OpsCommandLine.RunAsync(["db", "drop"], output, error));
        Assert.Contains("unknown sub-command 'drop'", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, await OpsCommandLine.RunAsync(["import", "salaries", "x.csv"], output, error));
        Assert.Contains("unknown kind 'salaries'", error.ToString(), StringComparison.Ordinal);
    }
}
