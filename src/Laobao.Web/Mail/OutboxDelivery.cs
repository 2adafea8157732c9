using System.Security.Cryptography;
using Laobao.Web.Data;
using Laobao.Web.Localization;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Mail;

/// <summary>
/// One round of the outbox: take due rows under a lease, deliver each, mark it sent or schedule a retry.
/// Taking uses <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, so nodes never wait on or take each other's rows;
/// SQLite has one writer at a time, so its conditional UPDATE is already exclusive.
/// </summary>
public sealed partial class OutboxDelivery(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    MailOutbox outbox,
    IOptions<MailOptions> options,
    TimeProvider time,
    ILogger<OutboxDelivery> logger,
    Operations.Telemetry.LaobaoMeters? meters = null)
{
    /// <summary>Delivers what is due now; returns how many rows it took (0 when the outbox had nothing due).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        List<OutboxMessage> taken;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            await ClaimAsync(db, token, now, now + settings.LeaseDuration, settings.BatchSize, cancellationToken);
            taken = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.LeaseOwner == token).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        }

        try
        {
            foreach (var message in taken)
            {
                // Stopping (SIGTERM): the mail being sent is finished, the rest go back at once rather than
                // waiting out the lease, so another node sends them now.
                cancellationToken.ThrowIfCancellationRequested();
                await DeliverOneAsync(message, token, settings, CancellationToken.None);
            }
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested)
            {
                await GiveBackAsync(token);
            }
        }

        return taken.Count;
    }

    /// <summary>Releases the rows this round still holds and has not tried; a failure leaves them to the lease's end.</summary>
    private async Task GiveBackAsync(string token)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
            var released = await db.Set<OutboxMessage>()
                .Where(m => m.LeaseOwner == token && m.SentAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
            LogGaveBack(logger, released);
        }
        catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            LogGiveBackFailed(logger, exception.GetType().Name);
        }
    }

    private static Task<int> ClaimAsync(LaobaoDbContext db, string token, DateTime now, DateTime leaseUntil, int batch, CancellationToken cancellationToken) =>
        db.Provider == DatabaseProvider.Postgres
            ? db.Database.ExecuteSqlAsync(
                $"""
                UPDATE mail_outbox SET lease_owner = {token}, lease_until = {leaseUntil}
                WHERE id IN (SELECT id FROM mail_outbox
                             WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= {now}
                               AND (lease_until IS NULL OR lease_until < {now})
                             ORDER BY id LIMIT {batch} FOR UPDATE SKIP LOCKED)
                """,
                cancellationToken)
            : db.Database.ExecuteSqlAsync(
                $"""
                UPDATE mail_outbox SET lease_owner = {token}, lease_until = {leaseUntil}
                WHERE id IN (SELECT id FROM mail_outbox
                             WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= {now}
                               AND (lease_until IS NULL OR lease_until < {now})
                             ORDER BY id LIMIT {batch})
                """,
                cancellationToken);

    private async Task DeliverOneAsync(OutboxMessage message, string token, MailOptions settings, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            if (!Enum.TryParse<MailTemplate>(message.Template, out var template))
            {
                throw new InvalidOperationException($"Unknown mail template '{message.Template}'.");
            }

            UiLanguages.TryParse(message.Language, out var language);
            var content = MailTemplates.Render(template, language, outbox.ReadValues(message.Payload));
            await transport.DeliverAsync(new OutgoingMail(message.Id, message.MessageKey, message.ToAddress, content), cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
                                              or ServiceNotAuthenticatedException or MailKit.Security.AuthenticationException
                                              or System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException
                                              or InvalidOperationException or CryptographicException or DbUpdateException
                                              or KeyNotFoundException or FormatException or MimeKit.ParseException
                                          && !cancellationToken.IsCancellationRequested)
        {
            failure = exception;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var rows = db.Set<OutboxMessage>().Where(m => m.Id == message.Id && m.LeaseOwner == token);
        if (failure is null)
        {
            // The values (codes) are no longer needed once the mail is out.
            var marked = await rows.ExecuteUpdateAsync(
                s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.Payload, "").SetProperty(m => m.LeaseOwner, (string?)null)
                      .SetProperty(m => m.LeaseUntil, (DateTime?)null).SetProperty(m => m.Attempts, m => m.Attempts + 1),
                CancellationToken.None);
            meters?.MailSent(message.Template);
            if (marked == 1)
            {
                LogSent(logger, message.Id, message.Template);
            }
            else
            {
                LogLeaseLost(logger, message.Id);
            }

            return;
        }

        var attempts = message.Attempts + 1;
        var error = Describe(failure);
        if (attempts >= settings.MaxAttempts)
        {
            await rows.ExecuteUpdateAsync(
                s => s.SetProperty(m => m.FailedAt, now).SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, error)
                      .SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null),
                CancellationToken.None);
            LogGaveUp(logger, message.Id, message.Template, attempts, error);
            return;
        }

        var next = now + Backoff(attempts, settings);
        await rows.ExecuteUpdateAsync(
            s => s.SetProperty(m => m.NextAttemptAt, next).SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, error)
                  .SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null),
            CancellationToken.None);
        LogRetry(logger, message.Id, message.Template, attempts, error, next);
    }

    /// <summary>base × 2^(attempts−1), capped; so a server down for an hour costs a handful of tries, not thousands.</summary>
    public static TimeSpan Backoff(int attempts, MailOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.RetryBaseDelay.Ticks * factor, settings.RetryMaxDelay.Ticks));
        return delay < settings.RetryMaxDelay ? delay : settings.RetryMaxDelay;
    }

    // The SMTP reply text can quote the recipient; only the kind and status code are kept.
    private static string Describe(Exception exception) => exception switch
    {
        SmtpCommandException smtp => $"{nameof(SmtpCommandException)} {(int)smtp.StatusCode} {smtp.ErrorCode}",
        System.Net.Sockets.SocketException socket => $"{nameof(System.Net.Sockets.SocketException)} {socket.SocketErrorCode}",
        _ => exception.GetType().Name,
    };

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Mail {OutboxId} ({Template}) sent")]
    private static partial void LogSent(ILogger logger, long outboxId, string template);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Mail {OutboxId} ({Template}) attempt {Attempts} failed: {Error}; next try at {NextAttemptAt:o}")]
    private static partial void LogRetry(ILogger logger, long outboxId, string template, int attempts, string error, DateTime nextAttemptAt);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Mail {OutboxId} ({Template}) set aside after {Attempts} failed attempts: {Error}")]
    private static partial void LogGaveUp(ILogger logger, long outboxId, string template, int attempts, string error);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Stopping: gave back the lease of {Count} unsent mail(s)")]
    private static partial void LogGaveBack(ILogger logger, int count);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Stopping: could not give back the outbox lease ({ExceptionType}); the rows wait for its end")]
    private static partial void LogGiveBackFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Mail {OutboxId} was sent but its lease had passed to another node; the lease is shorter than a send")]
    private static partial void LogLeaseLost(ILogger logger, long outboxId);
}
