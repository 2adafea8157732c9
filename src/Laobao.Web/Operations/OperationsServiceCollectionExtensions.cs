using Laobao.Web.Operations.Health;

namespace Laobao.Web.Operations;

/// <summary>What running Laobao on several nodes needs: health, trusted proxies, trust anchor provenance.</summary>
public static class OperationsServiceCollectionExtensions
{
    public static IServiceCollection AddLaobaoOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLaobaoHealth();
        services.AddTrustedProxies(configuration);
        services.AddHostedService<TrustAnchorProvenance>();
        return services;
    }
}
