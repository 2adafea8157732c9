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

    public override async Task<Func<Task>> BeginBulkLoadAsync(IReadOnlyList<BulkTable> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var names = tables.Select(t => t.Name).ToArray();
        var restore = new List<string>();
        var drop = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = (NpgsqlTransaction?)Transaction;
            command.CommandText =
                "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c " +
                "WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(@tables)";
            command.Parameters.Add(new NpgsqlParameter("tables", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = names });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                drop.Add($"ALTER TABLE {reader.GetString(0)} DROP CONSTRAINT \"{reader.GetString(1)}\"");
                restore.Add($"ALTER TABLE {reader.GetString(0)} ADD CONSTRAINT \"{reader.GetString(1)}\" {reader.GetString(2)}");
            }
        }

        await using (var command = connection.CreateCommand())
        {
            command.Transaction = (NpgsqlTransaction?)Transaction;
            command.CommandText =
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename = ANY(@tables) " +
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)";
            command.Parameters.Add(new NpgsqlParameter("tables", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = names });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                drop.Add($"DROP INDEX \"{reader.GetString(0)}\"");
                restore.Insert(0, reader.GetString(1));
            }
        }

        foreach (var sql in drop)
        {
            await ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
        }

        return async () =>
        {
            foreach (var sql in restore)
            {
                await ExecuteAsync(sql, CancellationToken.None).ConfigureAwait(false);
            }
        };
    }

    protected override string InFilter(DbCommand command, string column, IReadOnlyCollection<string> values)
    {
        var parameter = new NpgsqlParameter("values", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };
        command.Parameters.Add(parameter);
        return $"{Quote(column)} = ANY(@values)";
    }

    private Task CopyAsync(string target, BulkTable table, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        var types = table.Columns.Select(c => c.Type switch
        {
            BulkType.Text => NpgsqlDbType.Text,
            BulkType.Date => NpgsqlDbType.Date,
            BulkType.Int => NpgsqlDbType.Integer,
            _ => NpgsqlDbType.Bigint,
        }).ToArray();
        // Synchronous writes: the importer buffers, and an await per value costs more than the value itself.
        using var importer = connection.BeginBinaryImport($"COPY {target} ({columns}) FROM STDIN (FORMAT BINARY)");
        var count = 0;
        foreach (var row in rows)
        {
            if ((++count & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            importer.StartRow();
            for (var i = 0; i < types.Length; i++)
            {
                switch (row[i])
                {
                    case null:
                        importer.WriteNull();
                        break;
                    case string s:
                        importer.Write(s, types[i]);
                        break;
                    case DateOnly d:
                        importer.Write(d, types[i]);
                        break;
                    case int n:
                        importer.Write(n, types[i]);
                        break;
                    case long l:
                        importer.Write(l, types[i]);
                        break;
                    default:
                        throw new ArgumentException($"cannot copy a value of type {row[i]!.GetType().Name}", nameof(rows));
                }
            }
        }

        importer.Complete();
        return Task.CompletedTask;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = (NpgsqlTransaction?)Transaction;
        command.CommandText = sql;
        // No 30-second default: rebuilding an index or a foreign key over tens of millions of rows takes minutes.
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
