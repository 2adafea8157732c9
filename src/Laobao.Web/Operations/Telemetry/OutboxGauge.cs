using Laobao.Web.Data;
using Laobao.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Operations.Telemetry;

/// <summary>
/// Outbox depth and the age of the oldest waiting mail, read from the store every 15 s by one background loop, so a
/// scrape never waits on the database and a store outage only leaves the last figures in place.
/// </summary>
public sealed partial class OutboxGauge(IServiceScopeFactory scopes, TimeProvider time, ILogger<OutboxGauge> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private long depth;
    private double oldestAgeSeconds;

    public long Depth => Interlocked.Read(ref depth);

    public double OldestAgeSeconds => Volatile.Read(ref oldestAgeSeconds);

    /// <summary>Reads the figures now (also used by the loop).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
        var waiting = db.Set<OutboxMessage>().AsNoTracking().Where(m => m.SentAt == null && m.FailedAt == null);
        var count = await waiting.LongCountAsync(cancellationToken);
        var oldest = count == 0 ? (DateTime?)null : await waiting.MinAsync(m => (DateTime?)m.CreatedAt, cancellationToken);
        Interlocked.Exchange(ref depth, count);
        Volatile.Write(ref oldestAgeSeconds, oldest is null ? 0 : Math.Max(0, (time.GetUtcNow().UtcDateTime - oldest.Value).TotalSeconds));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The store may be away; the figures stay as they were and the loop tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRefreshFailed(logger, exception.GetType().Name);
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 1920, Level = LogLevel.Debug, Message = "Outbox figures not refreshed ({ExceptionType})")]
    private static partial void LogRefreshFailed(ILogger logger, string exceptionType);
}
