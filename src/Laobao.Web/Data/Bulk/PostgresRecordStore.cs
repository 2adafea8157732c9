using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Laobao.Web.Data.Bulk;

/// <summary>
/// PostgreSQL: binary COPY for new rows; upserts COPY into a temporary staging table first and then
/// merge with one INSERT … SELECT … ON CONFLICT, so a batch is two statements whatever its size.
/// </summary>
internal sealed class PostgresRecordStore(NpgsqlConnection connection) : RecordStore
{
    private readonly HashSet<string> stagingTables = new(StringComparer.Ordinal);

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override DbConnection Connection => connection;

    public override async Task InsertAsync(BulkTable table, IEnumerable<object?[]> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        await CopyAsync(table.Name, table, rows, cancellationToken).ConfigureAwait(false);
    }

    public override async Task UpsertAsync(BulkTable table, IReadOnlyCollection<object?[]> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var staging = "stage_" + table.Name;
        if (stagingTables.Add(staging))
        {
            // ON COMMIT DELETE ROWS empties the stage at every batch's commit; the table lives for the session.
            await ExecuteAsync(
                $"CREATE TEMP TABLE IF NOT EXISTS {staging} (LIKE {table.Name} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS",
                cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ExecuteAsync($"TRUNCATE {staging}", cancellationToken).ConfigureAwait(false);
        }

        await CopyAsync(staging, table, rows, cancellationToken).ConfigureAwait(false);
        var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        await ExecuteAsync(UpsertSql(table, $"SELECT {columns} FROM {staging}"), cancellationToken).ConfigureAwait(false);
    }

    protected override string InFilter(DbCommand command, string column, IReadOnlyCollection<string> values)
    {
        var parameter = new NpgsqlParameter("values", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };
        command.Parameters.Add(parameter);
        return $"{Quote(column)} = ANY(@values)";
    }

    private async Task CopyAsync(string target, BulkTable table, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        var types = table.Columns.Select(c => c.Type switch
        {
            BulkType.Text => NpgsqlDbType.Text,
            BulkType.Date => NpgsqlDbType.Date,
            BulkType.Int => NpgsqlDbType.Integer,
            _ => NpgsqlDbType.Bigint,
        }).ToArray();
        var importer = await connection.BeginBinaryImportAsync(
            $"COPY {target} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < types.Length; i++)
                {
                    if (row[i] is null)
                    {
                        await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await WriteValueAsync(importer, row[i]!, types[i], cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task WriteValueAsync(NpgsqlBinaryImporter importer, object value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value switch
        {
            string s => importer.WriteAsync(s, type, cancellationToken),
            DateOnly d => importer.WriteAsync(d, type, cancellationToken),
            int n => importer.WriteAsync(n, type, cancellationToken),
            long l => importer.WriteAsync(l, type, cancellationToken),
            _ => throw new ArgumentException($"cannot copy a value of type {value.GetType().Name}", nameof(value)),
        };

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = (NpgsqlTransaction?)Transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
