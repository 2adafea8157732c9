using Laobao.Web.Security.Cards;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Laobao.Web.Operations.Health;

/// <summary>Ready only with card trust anchors loaded: without them no card sign-in can succeed.</summary>
public sealed class TrustAnchorsHealthCheck(CardTrustAnchors anchors) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(anchors.Roots.Count > 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("no card trust root is loaded"));
}
