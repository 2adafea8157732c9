using System.Globalization;
using Laobao.Ops.Database;
using Laobao.Web.Data;
using Spectre.Console;

namespace Laobao.Ops.Import;

/// <summary><c>laobao import KIND FILE [--dry-run]</c> (SPEC §3): exit 0 when nothing was rejected, 3 when some rows were.</summary>
internal static class ImportCommand
{
    public const string Usage = "import KIND FILE [--dry-run] [--batch-size N] [--no-alerts]";

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(OpsDatabase.FromEnvironment(), TimeProvider.System, args, output, error, CancellationToken.None);

    public static async Task<int> RunAsync(
        DatabaseSettings settings, TimeProvider time, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var positional = new List<string>();
        var dryRun = false;
        var alerts = true;
        var batchSize = 5000;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--dry-run":
                    dryRun = true;
                    break;
                case "--no-alerts":
                    // Record alerts (SPEC §12) are queued by default; a bulk reload that changes nobody's record in fact turns them off.
                    alerts = false;
                    break;
                case "--batch-size":
                    if (i + 1 >= args.Length || !int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out batchSize) || batchSize < 1)
                    {
                        throw new OpsUsageException("--batch-size needs a positive whole number");
                    }

                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new OpsUsageException($"unknown option '{args[i]}'");
                    }

                    positional.Add(args[i]);
                    break;
            }
        }

        if (positional.Count != 2)
        {
            throw new OpsUsageException("expected a KIND and a FILE");
        }

        var importer = new Importer(settings, time);
        var kind = importer.KindFor(positional[0])
            ?? throw new OpsUsageException($"unknown kind '{positional[0]}' (expected {string.Join(", ", Importer.KindNames)})");
        var path = positional[1];
        var options = new ImportOptions(dryRun, batchSize, alerts);
        var started = time.GetTimestamp();
        ImportResult result;
        try
        {
            if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
            {
                result = await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask($"{kind.Name}");
                        return await importer.RunAsync(kind, path, options, new SpectreProgress(task, time), cancellationToken).ConfigureAwait(false);
                    }).ConfigureAwait(false);
            }
            else
            {
                result = await importer.RunAsync(kind, path, options, new PlainProgress(output, time, TimeSpan.FromSeconds(5)), cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        catch (ImportFileException e)
        {
            await error.WriteLineAsync($"laobao import: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        var seconds = time.GetElapsedTime(started).TotalSeconds;
        var rate = seconds > 0 ? result.Rows / seconds : 0;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{kind.Name}{(dryRun ? " (dry run, nothing written)" : string.Empty)}: {result.Accepted} accepted ({result.Updated} updated), {result.Unchanged} unchanged, {result.Rejected} rejected; {result.Warnings} warnings; {result.Rows} rows in {seconds:F1} s ({rate:F0} rows/s)"))
            .ConfigureAwait(false);
        if (result.Rejected > 0)
        {
            await output.WriteLineAsync($"rejected rows with their line and reason: {result.RejectsPath}").ConfigureAwait(false);
        }

        if (result.Warnings > 0)
        {
            await output.WriteLineAsync($"warnings (e.g. off-grade salaries): {result.WarningsPath}").ConfigureAwait(false);
        }

        return result.Rejected > 0 ? ExitCodes.SomeRowsRejected : ExitCodes.Ok;
    }
}
