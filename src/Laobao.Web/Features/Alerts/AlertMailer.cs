using Laobao.Web.Data;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Localization;
using Laobao.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Features.Alerts;

/// <summary>
/// Moves coalesced record alerts into the mail outbox at <see cref="AlertOptions.MailsPerMinute"/> (SPEC §12). Each
/// round first takes a database-wide lock (PostgreSQL advisory lock; SQLite's single writer), counts the alert mails
/// of the last 60 seconds, and queues at most the rest of the allowance, so the rate holds over every 60-second window
/// however many nodes run. An alert nobody should get mail for (no active account, mail alerts turned off) is marked
/// handled with <see cref="NotMailed"/> and never counts towards the rate.
/// </summary>
public sealed class AlertMailer(LaobaoDbContext db, MailOutbox outbox, IOptions<AlertOptions> options, TimeProvider time)
{
    /// <summary>MailedAt of an alert that was looked at and needs no mail.</summary>
    public static readonly DateTime NotMailed = new(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    /// <summary>The advisory lock every alert mail round takes on PostgreSQL ("LB" 18, issue 18).</summary>
    private const string LockSql = "SELECT pg_advisory_xact_lock(1279399954)";

    /// <summary>One round; returns how many mails it queued.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        // On SQLite this is BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): the write lock is taken before counting.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync(LockSql, cancellationToken);
        }

        var since = now - Window;
        var recent = await db.Set<RecordAlert>().CountAsync(a => a.MailedAt > since && a.MailedAt <= now, cancellationToken);
        var allowance = settings.MailsPerMinute - recent;
        var handled = 0;
        var mailed = 0;
        if (allowance > 0)
        {
            var due = now - settings.MailDelay;
            var alerts = await db.Set<RecordAlert>()
                .Where(a => a.MailedAt == null && a.UpdatedAt <= due)
                .OrderBy(a => a.UpdatedAt).ThenBy(a => a.IdNumber)
                .Take(Math.Min(allowance, 500))
                .ToListAsync(cancellationToken);
            var ids = alerts.Select(a => a.IdNumber).Distinct().ToList();
            var emails = await db.Set<MobileAccount.MobileAccount>().AsNoTracking()
                .Where(a => ids.Contains(a.PersonIdNumber) && a.Status == MobileAccountStatus.Active)
                .Select(a => new { a.PersonIdNumber, a.Email }).ToDictionaryAsync(a => a.PersonIdNumber, a => a.Email, cancellationToken);
            var off = await db.Set<AlertPreference>().AsNoTracking()
                .Where(p => ids.Contains(p.IdNumber) && !p.MailAlerts).Select(p => p.IdNumber).ToListAsync(cancellationToken);
            foreach (var alert in alerts)
            {
                handled++;
                if (!settings.Mail || !emails.TryGetValue(alert.IdNumber, out var email) || off.Contains(alert.IdNumber))
                {
                    alert.MailedAt = NotMailed;
                    continue;
                }

                alert.MailedAt = now;
                mailed++;
                outbox.Add(db, email, MailTemplate.RecordAlert, UiLanguage.ZhTw, new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["day"] = Domain.Dates.RocDate.FormatBoth(alert.Day),
                    ["changes"] = AlertCopy.Words((AlertChanges)alert.Changes),
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (mailed > 0)
        {
            outbox.Wake();
        }

        return handled;
    }
}

/// <summary>Runs <see cref="AlertMailer"/> rounds: again at once while a round had work, else at the poll interval.</summary>
public sealed partial class AlertMailerService(IServiceScopeFactory scopes, IOptions<AlertOptions> options, ILogger<AlertMailerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                handled = await scope.ServiceProvider.GetRequiredService<AlertMailer>().RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The database may be briefly away; the sender must outlive that and try again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogRoundFailed(logger, exception);
            }

            if (handled == 0)
            {
                try
                {
                    // Real time between polls; the alert times themselves come from the TimeProvider.
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 1810, Level = LogLevel.Warning, Message = "Alert mail round failed; trying again at the next poll")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
