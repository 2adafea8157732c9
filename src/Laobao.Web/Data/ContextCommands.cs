using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Laobao.Web.Data;

/// <summary>
/// One SQL statement straight through ADO.NET on the context's pooled connection (and in its transaction, if one is
/// open), for the few per-request statements where EF Core's pipeline around a single row was a visible share of the
/// profile, or where EF Core cannot say it in one round trip (UPDATE … RETURNING). The SQL is written for both
/// providers (PostgreSQL and SQLite ≥ 3.35) with the snake_case names of the migrations.
/// </summary>
internal static class ContextCommands
{
    public static async Task<T> RunAsync<T>(
        this LaobaoDbContext db,
        string sql,
        ReadOnlyMemory<(string Name, object? Value)> parameters,
        Func<DbCommand, CancellationToken, Task<T>> run,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(run);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (name, value) in parameters.Span)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            return await run(command, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
