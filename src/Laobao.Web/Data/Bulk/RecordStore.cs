using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Laobao.Web.Data.Bulk;

/// <summary>
/// One open connection to the records store with the bulk operations that imports and the seeder need.
/// Bypasses EF change tracking on purpose: at national scale every row through a tracked entity costs
/// more than the database write itself. Rows are object arrays in <see cref="BulkTable.Columns"/> order.
/// </summary>
public abstract class RecordStore : IAsyncDisposable
{
    public abstract DatabaseProvider Provider { get; }

    public abstract DbConnection Connection { get; }

    /// <summary>The transaction every operation joins; set by <see cref="BeginAsync"/>.</summary>
    protected DbTransaction? Transaction { get; private set; }

    public static async Task<RecordStore> OpenAsync(DatabaseSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            // Creates the ./data folder when needed, like the EF path does.
            await using (settings.CreateContext().ConfigureAwait(false))
            {
            }

            var sqlite = new SqliteConnection(settings.ConnectionString);
            await sqlite.OpenAsync(cancellationToken).ConfigureAwait(false);
            var store = new SqliteRecordStore(sqlite);
            await store.PrepareAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }

        var postgres = new NpgsqlConnection(settings.ConnectionString);
        await postgres.OpenAsync(cancellationToken).ConfigureAwait(false);
        return new PostgresRecordStore(postgres);
    }

    public async Task BeginAsync(CancellationToken cancellationToken = default)
    {
        if (Transaction is not null)
        {
            throw new InvalidOperationException("a transaction is already open");
        }

        Transaction = await Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        var transaction = Transaction ?? throw new InvalidOperationException("no transaction is open");
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        await transaction.DisposeAsync().ConfigureAwait(false);
        Transaction = null;
        await AfterTransactionAsync().ConfigureAwait(false);
    }

    public async Task RollbackAsync()
    {
        if (Transaction is { } transaction)
        {
            await transaction.RollbackAsync().ConfigureAwait(false);
            await transaction.DisposeAsync().ConfigureAwait(false);
            Transaction = null;
            await AfterTransactionAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Prepares an empty store for a bulk load of <paramref name="tables"/> inside the open transaction and
    /// returns what restores it: PostgreSQL drops the foreign keys and secondary indexes and builds them again
    /// at the end (one pass instead of one check per row; a failure rolls the drops back with everything else);
    /// SQLite stops checking foreign keys on this connection. Only for loads whose rows are consistent by construction.
    /// </summary>
    public abstract Task<Func<Task>> BeginBulkLoadAsync(IReadOnlyList<BulkTable> tables, CancellationToken cancellationToken = default);

    /// <summary>Inserts rows known to be new (fails on a duplicate key).</summary>
    public abstract Task InsertAsync(BulkTable table, IEnumerable<object?[]> rows, CancellationToken cancellationToken = default);

    /// <summary>Inserts rows, or replaces the non-key columns of rows whose natural key exists.</summary>
    public abstract Task UpsertAsync(BulkTable table, IReadOnlyCollection<object?[]> rows, CancellationToken cancellationToken = default);

    /// <summary>A command on this connection inside the open transaction, for a feature's own set-based statement.</summary>
    public DbCommand CreateCommand()
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>Every row of <paramref name="table"/> whose <paramref name="column"/> is one of <paramref name="values"/>.</summary>
    public async Task<List<object?[]>> SelectWhereInAsync(
        BulkTable table, string column, IReadOnlyCollection<string> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(values);
        var rows = new List<object?[]>();
        if (values.Count == 0)
        {
            return rows;
        }

        await using var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        command.CommandText = $"SELECT {columns} FROM {table.Name} WHERE {InFilter(command, column, values)}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new object?[table.Columns.Count];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : table.Columns[i].Type switch
                {
                    BulkType.Text => reader.GetString(i),
                    BulkType.Date => reader.GetFieldValue<DateOnly>(i),
                    BulkType.Int => reader.GetInt32(i),
                    _ => reader.GetInt64(i),
                };
            }

            rows.Add(row);
        }

        return rows;
    }

    public async Task<int> DeleteWhereInAsync(
        BulkTable table, string column, IReadOnlyCollection<string> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return 0;
        }

        await using var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = $"DELETE FROM {table.Name} WHERE {InFilter(command, column, values)}";
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> CountAsync(BulkTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        await using var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = $"SELECT COUNT(*) FROM {table.Name}";
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync().ConfigureAwait(false);
        await DisposeCoreAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>A SQL condition "column is one of values", adding its parameter to <paramref name="command"/>.</summary>
    protected abstract string InFilter(DbCommand command, string column, IReadOnlyCollection<string> values);

    protected virtual Task AfterTransactionAsync() => Task.CompletedTask;

    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    /// <summary>Column names like "event" and "date" are words in SQL; quoting them is valid on both providers.</summary>
    protected static string Quote(string name) => "\"" + name + "\"";

    protected static string UpsertSql(BulkTable table, string source)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        var key = string.Join(", ", table.Key.Select(Quote));
        var updates = table.Columns.Where(c => !table.Key.Contains(c.Name))
            .Select(c => $"{Quote(c.Name)} = excluded.{Quote(c.Name)}").ToList();
        var action = updates.Count == 0 ? "DO NOTHING" : "DO UPDATE SET " + string.Join(", ", updates);
        return $"INSERT INTO {table.Name} ({columns}) {source} ON CONFLICT ({key}) {action}";
    }
}
