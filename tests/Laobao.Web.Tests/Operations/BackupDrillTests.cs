using System.Diagnostics;
using System.Text.Json;
using Laobao.Tests.Browser;
using Laobao.Web.Data;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Laobao.Web.Tests.Operations;

/// <summary>
/// The backup and restore drill of docs/operator-guide.md, as scripted in deploy/backup-drill.sh: a seeded store
/// dumped to a file only its owner can read, restored into an empty PostgreSQL server, and the copy answering every
/// inquiry as the original does.
/// </summary>
public sealed class BackupDrillTests
{
    private static readonly DateOnly AsOf = new(2026, 12, 1);

    [Fact]
    public async Task ASeededStoreDumpedAndRestoredIntoAnEmptyServerGivesTheSameInquiryAnswers()
    {
        await using var source = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await SeedAsync(source.Settings, persons: 200);
        await using var empty = await PostgresCluster.StartAsync();
        var work = Environment.GetEnvironmentVariable("LAOBAO_TEST_WORK") is { Length: > 0 } w ? w : Path.GetTempPath();
        var dump = Path.Combine(work, "backup-" + Guid.NewGuid().ToString("N")[..8], "laobao.dump");

        var drill = await RunAsync("drill", Libpq(source.Settings.ConnectionString), Libpq(empty.AdminConnectionString), dump, "laobao_restored");
        Assert.True(drill.ExitCode == 0, $"the drill failed ({drill.ExitCode}):\n{drill.Output}");
        Assert.Contains("the copy matches the original", drill.Output, StringComparison.Ordinal);
        Assert.True(
            OperatingSystem.IsLinux() && File.GetUnixFileMode(dump) == (UnixFileMode.UserRead | UnixFileMode.UserWrite),
            $"the dump must be readable by its owner only (-rw-------): {(OperatingSystem.IsLinux() ? File.GetUnixFileMode(dump).ToString() : "not Linux")}");

        // Every person's inquiry reads the same from the copy.
        var restored = new DatabaseSettings(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(empty.AdminConnectionString) { Database = "laobao_restored" }.ConnectionString);
        await using var original = source.Settings.CreateContext();
        await using var copy = restored.CreateContext();
        var ids = await original.Persons.AsNoTracking().OrderBy(p => p.IdNumber).Select(p => p.IdNumber).ToListAsync();
        Assert.Equal(200, ids.Count);
        Assert.Equal(ids, await copy.Persons.AsNoTracking().OrderBy(p => p.IdNumber).Select(p => p.IdNumber).ToListAsync());
        var fromOriginal = new PersonInquiryReader(original, TimeProvider.System);
        var fromCopy = new PersonInquiryReader(copy, TimeProvider.System);
        foreach (var id in ids)
        {
            var expected = JsonSerializer.Serialize(await fromOriginal.ReadAsync(id, AsOf));
            var actual = JsonSerializer.Serialize(await fromCopy.ReadAsync(id, AsOf));
            Assert.True(expected == actual, $"the copy answers {id}'s inquiry differently");
        }

        // The check tells a copy that differs: one more person in the original after the dump.
        await using (var more = source.Settings.CreateContext())
        {
            more.Persons.Add(new Laobao.Web.Data.Entities.Person { IdNumber = "A123456789", Name = "王小明", BirthDate = new DateOnly(1971, 1, 2), Nationality = "TW", Residence = Codes.Citizen, PensionScheme = Codes.SchemeNew });
            await more.SaveChangesAsync();
        }

        var differs = await RunAsync("check", Libpq(source.Settings.ConnectionString), Libpq(restored.ConnectionString));
        Assert.True(differs.ExitCode == 5, $"check should find the copy different (exit 5), got {differs.ExitCode}:\n{differs.Output}");
        Assert.Contains("persons", differs.Output, StringComparison.Ordinal);
    }

    /// <summary><c>laobao seed</c>, the built ops command, as the operator guide runs it.</summary>
    private static async Task SeedAsync(DatabaseSettings settings, int persons)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var dll = Path.Combine(RepositoryPaths.Root(), "src", "Laobao.Ops", "bin", configuration, "net10.0", "laobao.dll");
        Assert.True(File.Exists(dll), $"the ops command is not built at {dll}: run ./test.sh (it builds the solution first)");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in new[] { dll, "seed", "--persons", persons.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "19" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["Database__Provider"] = "Postgres";
        info.Environment["ConnectionStrings__Laobao"] = settings.ConnectionString;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"laobao seed failed ({process.ExitCode}): {await output}{await errors}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepositoryPaths.Root(), "deploy", "backup-drill.sh"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>An Npgsql connection string as libpq keywords, which pg_dump and psql read.</summary>
    private static string Libpq(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"host={builder.Host} port={builder.Port} user={builder.Username} dbname={builder.Database}";
    }
}
