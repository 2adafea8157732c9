using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Laobao.Web.Operations;

/// <summary>
/// <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> are believed only from the balancers named in
/// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR). From anyone
/// else they are ignored, so a client cannot choose the address that audit records and per-address rate limits see.
/// With neither set, no forwarded header is read at all.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "ForwardedHeaders";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var proxies = Read(configuration, "KnownProxies", text => (IPAddress.TryParse(text, out var address), address!), "an IP address such as 10.0.0.5");
        var networks = Read(configuration, "KnownNetworks", text => (IPNetwork.TryParse(text, out var network), network), "a CIDR network such as 10.0.0.0/24");
        services.AddSingleton(new TrustedProxyList(proxies, networks));
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; only what is configured is trusted here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }

            // One balancer in front: only the address it saw is taken, never what the client wrote before it.
            options.ForwardLimit = 1;
        });
        return services;
    }

    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var list = app.ApplicationServices.GetRequiredService<TrustedProxyList>();
        return list.Proxies.Count + list.Networks.Count == 0 ? app : app.UseForwardedHeaders();
    }

    private static List<T> Read<T>(IConfiguration configuration, string key, Func<string, (bool Parsed, T Value)> parse, string expected)
    {
        var values = new List<T>();
        foreach (var child in configuration.GetSection($"{Section}:{key}").GetChildren())
        {
            if (string.IsNullOrWhiteSpace(child.Value))
            {
                continue;
            }

            var (parsed, value) = parse(child.Value.Trim());
            if (!parsed)
            {
                throw new InvalidOperationException($"{Section}:{key}:{child.Key} is '{child.Value}'; expected {expected}.");
            }

            values.Add(value);
        }

        return values;
    }
}

/// <summary>The balancers whose forwarded headers are believed.</summary>
public sealed record TrustedProxyList(IReadOnlyList<IPAddress> Proxies, IReadOnlyList<IPNetwork> Networks);
