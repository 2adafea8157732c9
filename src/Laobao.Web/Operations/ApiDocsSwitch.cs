using Laobao.Web.Features.MobileApi;

namespace Laobao.Web.Operations;

/// <summary>
/// The interactive API page (<c>/api/docs</c>) and the OpenAPI document are for developers: off by default in
/// Production, on elsewhere; <c>ApiDocs:Enabled</c> overrides either way.
/// </summary>
public static class ApiDocsSwitch
{
    public const string EnabledKey = "ApiDocs:Enabled";

    public static bool ApiDocsEnabled(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        return configuration.GetValue<bool?>(EnabledKey) ?? !environment.IsProduction();
    }

    public static WebApplication MapApiDocsIfEnabled(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (ApiDocsEnabled(app.Configuration, app.Environment))
        {
            app.MapApiDocs();
        }

        return app;
    }
}
