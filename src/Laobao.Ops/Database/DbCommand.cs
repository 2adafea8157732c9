using Laobao.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Ops.Database;

/// <summary><c>laobao db migrate</c>: applies the configured provider's migrations.</summary>
internal static class DbCommand
{
    public const string Usage = "db migrate";

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(OpsDatabase.FromEnvironment(), args, output, CancellationToken.None);

    public static async Task<int> RunAsync(DatabaseSettings settings, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Length != 1 || args[0] != "migrate")
        {
            throw new OpsUsageException(args.Length == 0 ? "missing sub-command" : $"unknown sub-command '{string.Join(' ', args)}'");
        }

        await using var context = settings.CreateContext();
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(pending.Count == 0
            ? $"{OpsDatabase.Describe(settings)}: schema is up to date"
            : $"{OpsDatabase.Describe(settings)}: applied {pending.Count} migration(s): {string.Join(", ", pending)}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
