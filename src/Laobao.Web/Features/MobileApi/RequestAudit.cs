using Laobao.Domain.Identity;

using Laobao.Web.Security.Audit;

namespace Laobao.Web.Features.MobileApi;

/// <summary>Audits an event of the current request: address and user agent taken from it, the ID masked for screens and logs.</summary>
public sealed class RequestAudit(AuditService audit, IHttpContextAccessor accessor)
{
    public Task RecordAsync(string action, string outcome, string? idNumber, CancellationToken cancellationToken) =>
        audit.RecordAsync(Entry(action, outcome, idNumber), cancellationToken);

    /// <summary>A record view (coverage, pension), group-committed: see <see cref="AuditService.RecordViewAsync"/>.</summary>
    public Task RecordViewAsync(string action, string idNumber, CancellationToken cancellationToken) =>
        audit.RecordViewAsync(Entry(action, "ok", idNumber), cancellationToken);

    private AuditEntry Entry(string action, string outcome, string? idNumber)
    {
        var context = accessor.HttpContext;
        string? masked = null;
        string? normalized = null;
        if (idNumber is not null && TaiwanId.TryParse(idNumber, out var id, out _))
        {
            masked = id.Masked;
            normalized = id.Value;
        }

        var agent = context?.Request.Headers.UserAgent.ToString();
        return new AuditEntry(action, outcome, normalized, masked, ClientAddress(context), string.IsNullOrEmpty(agent) ? null : agent);
    }

    public static string ClientAddress(HttpContext? context) => context?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
