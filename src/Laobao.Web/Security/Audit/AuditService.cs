using Laobao.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Security.Audit;

/// <summary>
/// The one way security events are recorded. Audit rows go to the database; the diagnostic log gets a line
/// with the masked ID only, kept apart from the audit trail. Every audit row is built here, whichever way it is stored.
/// </summary>
public sealed partial class AuditService(LaobaoDbContext db, AuditWriter writer, TimeProvider time, ILogger<AuditService> logger, Operations.Telemetry.LaobaoMeters meters)
{
    private const int UserAgentLength = 256;

    /// <summary>Stores the record with the caller's other changes, in the caller's database context.</summary>
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        db.Set<AuditRecord>().Add(NewRecord(entry));
        await db.SaveChangesAsync(cancellationToken);
        meters.Audited(entry.Action, entry.Outcome);
        LogAudited(logger, entry.Action, entry.Outcome, entry.SubjectMasked ?? "-", entry.ClientAddress ?? "-");
    }

    /// <summary>
    /// A record with nothing else of the caller's to commit (a sign-in's outcome): stored on its own through the
    /// group-committing <see cref="AuditWriter"/>, committed before this returns like every audit row.
    /// </summary>
    public async Task RecordOnItsOwnAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(NewRecord(entry), cancellationToken);
        meters.Audited(entry.Action, entry.Outcome);
        LogAudited(logger, entry.Action, entry.Outcome, entry.SubjectMasked ?? "-", entry.ClientAddress ?? "-");
    }

    /// <summary>
    /// A record view (coverage, pension): committed before the answer like every audit row, but through the
    /// group-committing <see cref="AuditWriter"/>, since every inquiry writes one.
    /// </summary>
    public async Task RecordViewAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(NewRecord(entry), cancellationToken);
        LogAudited(logger, entry.Action, entry.Outcome, entry.SubjectMasked ?? "-", entry.ClientAddress ?? "-");
    }

    /// <summary>The person's own most recent events, newest first: what their activity history shows.</summary>
    public async Task<IReadOnlyList<AuditRecord>> RecentForAsync(string normalizedIdNumber, int count, CancellationToken cancellationToken) =>
        await db.Set<AuditRecord>().AsNoTracking()
            .Where(r => r.SubjectIdNumber == normalizedIdNumber)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            .Take(count)
            .ToListAsync(cancellationToken);

    private AuditRecord NewRecord(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditRecord
        {
            At = time.GetUtcNow().UtcDateTime,
            Action = entry.Action,
            Outcome = entry.Outcome,
            SubjectIdNumber = entry.SubjectIdNumber,
            SubjectMasked = entry.SubjectMasked,
            ClientAddress = entry.ClientAddress,
            UserAgent = entry.UserAgent is { Length: > UserAgentLength } agent ? agent[..UserAgentLength] : entry.UserAgent,
        };
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Audit {Action} -> {Outcome} for {SubjectMasked} from {ClientAddress}")]
    private static partial void LogAudited(ILogger logger, string action, string outcome, string subjectMasked, string clientAddress);
}
