using System.Net;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using IPNetwork = System.Net.IPNetwork;

namespace Laobao.Web.Operations.Telemetry;

/// <summary>
/// OpenTelemetry (SPEC §13). Metrics and traces go out over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set;
/// <c>Metrics:Prometheus</c> serves Prometheus text at <c>/metrics</c>, only to addresses in
/// <c>Metrics:AllowedNetworks</c> (default loopback) and, when <c>Metrics:Port</c> is set, only on that port — never
/// to the public. Traces are collected only when exported (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or
/// <c>Telemetry:Tracing</c>). No tag holds personal data: request spans carry the route, not the query; database spans
/// the SQL with placeholders; Laobao's meters only fixed codes.
/// </summary>
public static class LaobaoTelemetry
{
    public const string MetricsPath = "/metrics";
    public const string ServiceName = "laobao-web";

    public static IServiceCollection AddLaobaoTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<OutboxGauge>();
        services.AddSingleton<LaobaoMeters>();

        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var prometheus = configuration.GetValue<bool>("Metrics:Prometheus");
        var tracing = otlp || configuration.GetValue<bool>("Telemetry:Tracing");
        if (otlp || prometheus)
        {
            // The outbox figures cost a query every 15 s per node: read them only when someone can see them.
            services.AddHostedService(provider => provider.GetRequiredService<OutboxGauge>());
        }

        if (!otlp && !prometheus && !tracing)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName));
        if (otlp || prometheus)
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(LaobaoMeters.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation();
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        }

        if (tracing)
        {
            telemetry.WithTracing(traces =>
            {
                traces.AddAspNetCoreInstrumentation(options =>
                    {
                        // Health probes every few seconds from each balancer would drown the traces that matter.
                        options.Filter = context => !context.Request.Path.StartsWithSegments("/healthz", StringComparison.Ordinal);
                    })
                    .AddHttpClientInstrumentation()
                    .AddNpgsql();
                if (otlp)
                {
                    traces.AddOtlpExporter();
                }
            });
        }

        return services;
    }

    /// <summary>Times inquiries; serves <c>/metrics</c> to the allow-list (and management port) when enabled.</summary>
    public static WebApplication UseLaobaoTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<InquiryTimingMiddleware>();
        if (!app.Configuration.GetValue<bool>("Metrics:Prometheus"))
        {
            return app;
        }

        var allowed = AllowedNetworks(app.Configuration);
        var port = app.Configuration.GetValue<int?>("Metrics:Port");
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == MetricsPath
            && (port is null || context.Connection.LocalPort == port)
            && context.Connection.RemoteIpAddress is { } address
            && allowed.Any(network => network.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)));
        return app;
    }

    private static List<IPNetwork> AllowedNetworks(IConfiguration configuration)
    {
        var networks = new List<IPNetwork>();
        foreach (var child in configuration.GetSection("Metrics:AllowedNetworks").GetChildren())
        {
            if (string.IsNullOrWhiteSpace(child.Value))
            {
                continue;
            }

            if (!IPNetwork.TryParse(child.Value.Trim(), out var network))
            {
                throw new InvalidOperationException($"Metrics:AllowedNetworks:{child.Key} is '{child.Value}'; expected a CIDR network such as 10.0.0.0/24.");
            }

            networks.Add(network);
        }

        return networks.Count > 0 ? networks : [new IPNetwork(IPAddress.Loopback, 8), new IPNetwork(IPAddress.IPv6Loopback, 128)];
    }
}
