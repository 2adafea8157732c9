using Laobao.Web.Data;

namespace Laobao.Web.Security.Audit;

/// <summary>
/// The one way security events are recorded. Audit rows go to the database; the diagnostic log gets a line
/// with the masked ID only, kept apart from the audit trail.
/// </summary>
public sealed partial class AuditService(LaobaoDbContext db, TimeProvider time, ILogger<AuditService> logger)
{
    private const int UserAgentLength = 256;

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var userAgent = entry.UserAgent is { Length: > UserAgentLength } agent ? agent[..UserAgentLength] : entry.UserAgent;
        db.Set<AuditRecord>().Add(new AuditRecord
        {
            At = time.GetUtcNow().UtcDateTime,
            Action = entry.Action,
            Outcome = entry.Outcome,
            SubjectIdNumber = entry.SubjectIdNumber,
            SubjectMasked = entry.SubjectMasked,
            ClientAddress = entry.ClientAddress,
            UserAgent = userAgent,
        });
        await db.SaveChangesAsync(cancellationToken);
        LogAudited(logger, entry.Action, entry.Outcome, entry.SubjectMasked ?? "-", entry.ClientAddress ?? "-");
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Audit {Action} -> {Outcome} for {SubjectMasked} from {ClientAddress}")]
    private static partial void LogAudited(ILogger logger, string action, string outcome, string subjectMasked, string clientAddress);
}
