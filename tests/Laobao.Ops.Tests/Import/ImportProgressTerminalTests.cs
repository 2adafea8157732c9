using System.Diagnostics;
using System.Globalization;
using Laobao.Ops.Seed;

namespace Laobao.Ops.Tests.Import;

/// <summary>
/// <c>laobao import</c> on a terminal shows a live progress bar (rows, rows/s, percentage of the file); piped into a
/// file or a log it prints plain lines only. The terminal is a real pseudo-terminal made by <c>script</c>
/// (util-linux), so the command decides exactly as it does for a person at a console.
/// </summary>
public sealed class ImportProgressTerminalTests(SqliteStores stores) : IClassFixture<SqliteStores>
{
    private const string Script = "/usr/bin/script";

    [Fact]
    public async Task On_a_terminal_the_import_shows_a_progress_bar_and_in_a_pipe_plain_lines()
    {
        Assert.True(File.Exists(Script), $"{Script} (util-linux) is needed to give the import a terminal: apt-get install -y util-linux");
        var source = Directory.CreateTempSubdirectory("laobao-progress-").FullName;
        try
        {
            // About 3,000 coverage events: small, but several batches of 500.
            await SeedCsvWriter.WriteAsync(new SeedPlan(200, 7, SeedCommand.DefaultAsOf, 24), source, CancellationToken.None);
            using var harness = new ImportHarness(await stores.NewStoreAsync());
            foreach (var kind in new[] { "persons", "units" })
            {
                Assert.Equal(ExitCodes.Ok, await harness.ImportAsync(kind, SeedCsvWriter.PathFor(source, kind)));
            }

            var events = SeedCsvWriter.PathFor(source, "coverage-events");
            var rows = File.ReadLines(events).Count() - 1;
            Assert.InRange(rows, 2000, 10000);

            var (code, terminal) = await RunOnTerminalAsync(harness, events);
            Assert.True(code == 0, $"laobao import on a terminal ended with {code}: {terminal}");
            // Spectre.Console's live display: cursor control, the bar, the rows-and-rate description and the percentage.
            Assert.Contains("\u001b[", terminal, StringComparison.Ordinal);
            Assert.Contains("coverage-events", terminal, StringComparison.Ordinal);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows, "), terminal, StringComparison.Ordinal);
            Assert.Contains(" rows/s", terminal, StringComparison.Ordinal);
            Assert.Contains("100%", terminal, StringComparison.Ordinal);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"coverage-events: "), terminal, StringComparison.Ordinal);

            // The same import piped: no escape sequences, no bar, only the summary (plain progress lines every 5 s).
            using var again = new ImportHarness(await stores.NewStoreAsync());
            foreach (var kind in new[] { "persons", "units" })
            {
                Assert.Equal(ExitCodes.Ok, await again.ImportAsync(kind, SeedCsvWriter.PathFor(source, kind)));
            }

            using var piped = LaobaoProcess.Start(again.Settings, source, "import", "coverage-events", events, "--batch-size", "500");
            var run = await piped.WaitAsync();
            Assert.Equal(0, run.ExitCode);
            Assert.DoesNotContain("\u001b[", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("━", run.Output, StringComparison.Ordinal);
            Assert.Contains("coverage-events: ", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(source, recursive: true);
        }
    }

    /// <summary>Runs laobao under <c>script</c>, which gives it a pseudo-terminal and copies what it draws to our pipe.</summary>
    private static async Task<(int Code, string Output)> RunOnTerminalAsync(ImportHarness harness, string file)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "laobao.dll");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var command = string.Join(' ', new[] { host, dll, "import", "coverage-events", file, "--batch-size", "500" }.Select(Quote));
        var start = new ProcessStartInfo(Script) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(file)! };
        foreach (var arg in new[] { "--quiet", "--return", "--command", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TERM"] = "xterm-256color";
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["COLUMNS"] = "120";
        start.Environment["LINES"] = "40";
        start.Environment["Database__Provider"] = harness.Settings.Provider.ToString();
        start.Environment["ConnectionStrings__Laobao"] = harness.Settings.ConnectionString;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("script did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            // A hang guard, not a timing check.
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"laobao import on a terminal did not end within five minutes: {await output}");
        }

        return (process.ExitCode, await output + await error);
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
