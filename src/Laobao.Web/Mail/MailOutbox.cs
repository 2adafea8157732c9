using System.Security.Cryptography;
using System.Text.Json;
using Laobao.Web.Data;
using Laobao.Web.Localization;
using Microsoft.AspNetCore.DataProtection;

namespace Laobao.Web.Mail;

/// <summary>
/// Puts mail in the outbox as part of the caller's unit of work: <see cref="Add"/> only stages the row, and the
/// caller's SaveChanges (one transaction) commits it together with the change. <see cref="Wake"/> afterwards
/// lets this node's sender go at once instead of at its next poll.
/// </summary>
public sealed class MailOutbox(IDataProtectionProvider protection, TimeProvider time, OutboxSignal signal)
{
    public const string ProtectionPurpose = "Laobao.Mail.Outbox.v1";

    private readonly IDataProtector protector = protection.CreateProtector(ProtectionPurpose);

    public OutboxMessage Add(LaobaoDbContext db, string toAddress, MailTemplate template, UiLanguage language, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            MessageKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            CreatedAt = now,
            NextAttemptAt = now,
            ToAddress = toAddress,
            Template = template.ToString(),
            Language = language.Tag(),
            Payload = protector.Protect(JsonSerializer.Serialize(values)),
        };
        db.Set<OutboxMessage>().Add(message);
        return message;
    }

    public void Wake() => signal.Wake();

    internal Dictionary<string, string> ReadValues(string payload) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(protector.Unprotect(payload)) ?? [];
}

/// <summary>Wakes this node's sender after a commit; other nodes find the mail at their next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Wake()
    {
        if (semaphore.CurrentCount == 0)
        {
            try
            {
                semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller woke it in between: one wake-up is enough.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => semaphore.WaitAsync(timeout, cancellationToken);

    public void Dispose() => semaphore.Dispose();
}
