using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Laobao.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Security.Audit;

/// <summary>
/// Group commit for audit records of record views, the hottest audited event (every inquiry of the mobile API).
/// A caller's row joins a queue; one writer takes whatever has queued up meanwhile and inserts it in one
/// transaction; the caller's task completes only when its row is committed. So no request answers before its audit
/// row is stored (nothing accepted can be lost, not even on a crash), while under load the database sees one write
/// transaction per batch instead of one per request — on SQLite, where writers queue for one lock, and on PostgreSQL,
/// where each commit is a round trip. On orderly shutdown the queue is closed and drained before the host stops;
/// a row offered after that is written on its own. The rows come built from <see cref="AuditService"/>.
/// </summary>
public sealed partial class AuditWriter(IServiceScopeFactory scopes, ILogger<AuditWriter> logger) : IHostedService
{
    /// <summary>At most this many rows per transaction.</summary>
    public const int MaxBatch = 256;

    // Bounded: when the database falls behind, callers wait to enqueue instead of the queue growing without limit.
    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(4 * MaxBatch)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private Task? loop;

    /// <summary>Stores the record; completes once it is committed, throws when it could not be.</summary>
    public async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var pending = new Pending(record, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (Volatile.Read(ref loop) is null)
        {
            // Not started (a host without hosted services): nobody would drain the queue, so write the row now.
            await InsertAsync([pending.Record]);
            return;
        }

        try
        {
            await queue.Writer.WriteAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            // Shutting down: the writer has drained the queue already, so this row goes in on its own.
            await InsertAsync([pending.Record]);
            return;
        }

        // Not cancellable once queued: the row will be written, and the caller learns the outcome.
        await pending.Stored.Task;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref loop, Task.Run(RunAsync, CancellationToken.None));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The web server has stopped taking requests before hosted services stop; what is queued now is all there is.
        queue.Writer.TryComplete();
        if (Volatile.Read(ref loop) is { } running)
        {
            await running.WaitAsync(cancellationToken);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        // Ends only when the queue is closed and empty, so nothing queued is dropped.
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await FlushAsync(batch);
            batch.Clear();
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "A failed batch is retried row by row; a failed row's exception is handed to its waiting caller.")]
    private async Task FlushAsync(List<Pending> batch)
    {
        try
        {
            await InsertAsync(batch.ConvertAll(p => p.Record));
            foreach (var pending in batch)
            {
                pending.Stored.TrySetResult();
            }

            return;
        }
        catch (Exception exception) when (batch.Count > 1)
        {
            // One bad row must not fail its neighbours: write them one by one so each caller gets its own outcome.
            LogBatchFailed(logger, batch.Count, exception.GetType().Name);
        }
        catch (Exception exception)
        {
            batch[0].Stored.TrySetException(exception);
            return;
        }

        foreach (var pending in batch)
        {
            await FlushOneAsync(pending);
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The exception is handed to the waiting caller, which fails as it would have writing the row itself.")]
    private async Task FlushOneAsync(Pending pending)
    {
        try
        {
            await InsertAsync([pending.Record]);
            pending.Stored.TrySetResult();
        }
        catch (Exception exception)
        {
            pending.Stored.TrySetException(exception);
        }
    }

    private async Task InsertAsync(List<AuditRecord> records)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
        // One multi-row INSERT through ADO.NET on the context's connection: a single statement, so a single (implicit)
        // transaction for the whole batch, without the change tracker's per-row work, which the profile of
        // GET /api/v1/me/coverage showed for every audit row.
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        try
        {
            await using var command = connection.CreateCommand();
            var sql = new StringBuilder("INSERT INTO audit_records (at, action, outcome, subject_id_number, subject_masked, client_address, user_agent) VALUES ", 96 + (records.Count * 48));
            for (var i = 0; i < records.Count; i++)
            {
                var r = records[i];
                sql.Append(i == 0 ? "(" : ",(");
                Add(command, sql, i, 'a', r.At).Append(',');
                Add(command, sql, i, 'b', r.Action).Append(',');
                Add(command, sql, i, 'c', r.Outcome).Append(',');
                Add(command, sql, i, 'd', r.SubjectIdNumber).Append(',');
                Add(command, sql, i, 'e', r.SubjectMasked).Append(',');
                Add(command, sql, i, 'f', r.ClientAddress).Append(',');
                Add(command, sql, i, 'g', r.UserAgent).Append(')');
            }

            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (DbException exception)
        {
            // Callers see what SaveChanges would have thrown: the row was not stored.
            throw new DbUpdateException("The audit rows could not be stored.", exception);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static StringBuilder Add(DbCommand command, StringBuilder sql, int row, char column, object? value)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"@{column}{row}");
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return sql.Append(name);
    }

    private sealed record Pending(AuditRecord Record, TaskCompletionSource Stored);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "An audit batch of {Count} rows failed ({Error}); writing its rows one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, string error);
}
