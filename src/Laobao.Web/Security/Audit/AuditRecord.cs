namespace Laobao.Web.Security.Audit;

/// <summary>
/// One security-relevant event (SPEC §8): who, what, when, from where, outcome. The person reads their own
/// records as activity history, found by <see cref="SubjectIdNumber"/>; screens and logs show only the masked form.
/// </summary>
public sealed class AuditRecord
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    /// <summary>What was attempted, e.g. <c>card-login</c>, <c>sign-out</c>.</summary>
    public required string Action { get; set; }

    /// <summary><c>ok</c> or the stable error code.</summary>
    public required string Outcome { get; set; }

    /// <summary>The normalised ID number the event is about, when one was given in a valid form.</summary>
    public string? SubjectIdNumber { get; set; }

    /// <summary>Masked like A12****789, safe to show and to export.</summary>
    public string? SubjectMasked { get; set; }

    public string? ClientAddress { get; set; }

    public string? UserAgent { get; set; }
}

/// <summary>What a caller tells the audit service; the time is the service's.</summary>
public sealed record AuditEntry(string Action, string Outcome, string? SubjectIdNumber, string? SubjectMasked, string? ClientAddress, string? UserAgent);
