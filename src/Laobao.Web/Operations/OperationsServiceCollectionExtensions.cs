using Laobao.Web.Operations.Health;
using Laobao.Web.Operations.Telemetry;

namespace Laobao.Web.Operations;

/// <summary>What running Laobao on several nodes needs: health, trusted proxies, trust anchor provenance, telemetry.</summary>
public static class OperationsServiceCollectionExtensions
{
    public static IServiceCollection AddLaobaoOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLaobaoHealth();
        services.AddTrustedProxies(configuration);
        services.AddHostedService<TrustAnchorProvenance>();
        services.AddLaobaoTelemetry(configuration);
        return services;
    }
}
