using System.Diagnostics.CodeAnalysis;
using Laobao.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Laobao.Web.Operations.Health;

/// <summary>
/// Not ready while the store lacks a migration this build needs: an unmigrated store once passed the health check
/// and answered 500 on <c>/desk/login</c>. A store migrated ahead of this build (a rolling upgrade's old nodes) is fine.
/// </summary>
public sealed class MigrationsHealthCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Whatever the store throws, the answer is: not ready.")]
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending, first {pending[0]}: run 'laobao db migrate'.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the store does not answer ({exception.GetType().Name})");
        }
    }
}
