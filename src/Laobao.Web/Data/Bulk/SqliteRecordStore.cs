using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Laobao.Web.Data.Bulk;

/// <summary>
/// SQLite: one prepared statement per table reused for every row of a large transaction, the
/// fastest path SQLite has; "one of these values" goes in as one JSON array through json_each.
/// New rows are bound and stepped through SQLite's own API on the connection's handle: ADO.NET's
/// per-execution reader, statement enumeration and by-name binding cost more than SQLite's insert itself.
/// </summary>
internal sealed class SqliteRecordStore(SqliteConnection connection) : RecordStore
{
    private readonly Dictionary<string, SqliteCommand> prepared = new(StringComparer.Ordinal);
    private readonly Dictionary<string, sqlite3_stmt> inserts = new(StringComparer.Ordinal);

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override DbConnection Connection => connection;

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        // WAL lets the web host read while an import writes; NORMAL is durable at every checkpoint in WAL mode.
        // A 256 MiB page cache: the unit_code indexes take rows in random order, and with SQLite's default 2 MiB
        // cache a national-scale load spends its time re-reading index pages.
        await using var command = connection.CreateCommand();
        command.CommandText =
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000; PRAGMA cache_size=-262144;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override Task InsertAsync(BulkTable table, IEnumerable<object?[]> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        if (!inserts.TryGetValue(table.Name, out var statement))
        {
            Check(raw.sqlite3_prepare_v2(connection.Handle, InsertSql(table), out statement));
            inserts[table.Name] = statement;
        }

        var count = 0;
        foreach (var row in rows)
        {
            if ((++count & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (var i = 0; i < row.Length; i++)
            {
                // The same storage as Microsoft.Data.Sqlite gives these types, so EF reads the rows back unchanged.
                Check(row[i] switch
                {
                    null => raw.sqlite3_bind_null(statement, i + 1),
                    string text => raw.sqlite3_bind_text(statement, i + 1, text),
                    DateOnly day => raw.sqlite3_bind_text(statement, i + 1, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    int n => raw.sqlite3_bind_int64(statement, i + 1, n),
                    long n => raw.sqlite3_bind_int64(statement, i + 1, n),
                    var other => throw new ArgumentException($"cannot insert a value of type {other.GetType().Name}", nameof(rows)),
                });
            }

            var step = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (step != raw.SQLITE_DONE)
            {
                Check(step);
            }
        }

        return Task.CompletedTask;
    }

    public override async Task UpsertAsync(BulkTable table, IReadOnlyCollection<object?[]> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rows);
        var values = string.Join(", ", table.Columns.Select((_, i) => "$p" + i));
        // "WHERE true" keeps SQLite's parser from reading ON CONFLICT as a join constraint of the SELECT.
        var command = Statement("upsert:" + table.Name, table, UpsertSql(table, $"SELECT {values} WHERE true"));
        await RunAsync(command, rows, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<Func<Task>> BeginBulkLoadAsync(IReadOnlyList<BulkTable> tables, CancellationToken cancellationToken = default)
    {
        // foreign_keys cannot change inside a transaction, so the caller opens its transactions after this.
        await SetForeignKeysAsync(false, cancellationToken).ConfigureAwait(false);
        return () => SetForeignKeysAsync(true, CancellationToken.None);
    }

    private async Task SetForeignKeysAsync(bool on, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = on ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override string InFilter(DbCommand command, string column, IReadOnlyCollection<string> values)
    {
        command.Parameters.Add(new SqliteParameter("$values", JsonSerializer.Serialize(values)));
        return $"{Quote(column)} IN (SELECT value FROM json_each($values))";
    }

    protected override Task AfterTransactionAsync()
    {
        // ADO.NET commands are bound to the transaction they were created in; SQLite's own statements are not.
        foreach (var command in prepared.Values)
        {
            command.Dispose();
        }

        prepared.Clear();
        return Task.CompletedTask;
    }

    protected override ValueTask DisposeCoreAsync()
    {
        foreach (var command in prepared.Values)
        {
            command.Dispose();
        }

        prepared.Clear();
        foreach (var statement in inserts.Values)
        {
            statement.Dispose();
        }

        inserts.Clear();
        return ValueTask.CompletedTask;
    }

    /// <summary>A failed SQLite call (a duplicate key, a foreign key, a full disk) as the usual <see cref="SqliteException"/>.</summary>
    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, connection.Handle);
        }
    }

    private static string InsertSql(BulkTable table)
    {
        var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        var values = string.Join(", ", table.Columns.Select((_, i) => "$p" + i));
        return $"INSERT INTO {table.Name} ({columns}) VALUES ({values})";
    }

    private SqliteCommand Statement(string name, BulkTable table, string sql)
    {
        if (!prepared.TryGetValue(name, out var command))
        {
            command = connection.CreateCommand();
            command.Transaction = (SqliteTransaction?)Transaction;
            command.CommandText = sql;
            for (var i = 0; i < table.Columns.Count; i++)
            {
                command.Parameters.Add(new SqliteParameter("$p" + i, null));
            }

            command.Prepare();
            prepared[name] = command;
        }

        return command;
    }

    // SQLite runs in-process and synchronously anyway; the async overload only adds a state machine per row.
    private static Task RunAsync(SqliteCommand command, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        var parameters = command.Parameters;
        var count = 0;
        foreach (var row in rows)
        {
            if ((++count & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }
}
