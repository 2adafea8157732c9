using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Laobao.Web.Operations.Health;

/// <summary>
/// SPEC §13: <c>/healthz/live</c> answers while the process runs; <c>/healthz/ready</c> only when the store answers,
/// every migration this build knows is applied, and the card trust anchors are loaded — what a load balancer needs
/// before it sends a person here. <c>/healthz</c> stays as an alias of readiness for existing balancer settings.
/// </summary>
public static class LaobaoHealth
{
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";
    public const string LegacyPath = "/healthz";
    public const string ReadyTag = "ready";

    public static IServiceCollection AddLaobaoHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<MigrationsHealthCheck>("migrations", HealthStatus.Unhealthy, [ReadyTag], TimeSpan.FromSeconds(5))
            .AddCheck<TrustAnchorsHealthCheck>("trust-anchors", HealthStatus.Unhealthy, [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapLaobaoHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Liveness runs no check: a store outage must not make an orchestrator restart healthy processes.
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) };
        endpoints.MapHealthChecks(ReadyPath, ready);
        endpoints.MapHealthChecks(LegacyPath, ready);
        return endpoints;
    }
}
