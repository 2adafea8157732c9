namespace Laobao.Ops;

/// <summary>Exit codes of the <c>laobao</c> command (SPEC §3).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int Usage = 2;
    public const int SomeRowsRejected = 3;
    public const int Failed = 4;
}

/// <summary>
/// The <c>laobao</c> command: one verb per feature folder. Every failure becomes one clear line
/// on standard error and a documented exit code, never a stack trace.
/// </summary>
public static class OpsCommandLine
{
    private sealed record Verb(string Name, string Usage, string Summary, Func<string[], TextWriter, TextWriter, Task<int>> Run);

    private static readonly Verb[] Verbs =
    [
        new("id", Identity.IdCommand.Usage, Identity.IdCommand.Summary, Identity.IdCommand.RunAsync),
        new("date", Dates.DateCommand.Usage, Dates.DateCommand.Summary, Dates.DateCommand.RunAsync),
        new("db", Database.DbCommand.Usage, "create or upgrade the schema", Database.DbCommand.RunAsync),
        new("import", Import.ImportCommand.Usage, "import a bureau CSV file (persons, units, coverage-events, pension-contributions, pension-earnings)", Import.ImportCommand.RunAsync),
        new("seed", Seed.SeedCommand.Usage, "build a deterministic synthetic population (careers, foreign residents, pension)", Seed.SeedCommand.RunAsync),
        new("estimate", Estimates.EstimateCommand.Usage, Estimates.EstimateCommand.Summary, Estimates.EstimateCommand.RunAsync),
        new("pki", Pki.PkiCommand.Usage, Pki.PkiCommand.Summary, (a, o, e) => Pki.PkiCommand.RunAsync(a, o, e, TimeProvider.System)),
        new("case", Staff.CaseCommand.Usage, Staff.CaseCommand.Summary, Staff.CaseCommand.RunAsync),
        new("staff", Staff.StaffCommand.Usage, Staff.StaffCommand.Summary, Staff.StaffCommand.RunAsync),
        new("statement", Statements.StatementCommand.Usage, Statements.StatementCommand.Summary, (a, o, e) => Statements.StatementCommand.RunAsync(a, o, e, TimeProvider.System)),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await WriteHelpAsync(output).ConfigureAwait(false);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        var verb = Array.Find(Verbs, v => string.Equals(v.Name, args[0], StringComparison.Ordinal));
        if (verb is null)
        {
            await error.WriteLineAsync($"laobao: unknown command '{args[0]}'. Run 'laobao --help' to see the commands.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await verb.Run(args[1..], output, error).ConfigureAwait(false);
        }
        catch (OpsUsageException e)
        {
            await error.WriteLineAsync($"laobao {verb.Name}: {e.Message}. Usage: {verb.Usage}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
#pragma warning disable CA1031 // The last line of defence: one readable line instead of a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"laobao {verb.Name}: failed: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }

    private static async Task WriteHelpAsync(TextWriter output)
    {
        await output.WriteLineAsync("laobao — operations for Laobao (勞保)").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        foreach (var verb in Verbs)
        {
            await output.WriteLineAsync($"  {verb.Usage,-44} {verb.Summary}").ConfigureAwait(false);
        }
    }
}

/// <summary>The command line itself is wrong (missing argument, unknown option): exit code 2.</summary>
public sealed class OpsUsageException(string message) : Exception(message)
{
    public OpsUsageException()
        : this("wrong arguments")
    {
    }

    public OpsUsageException(string message, Exception innerException)
        : this(message + ": " + innerException?.Message)
    {
    }
}
