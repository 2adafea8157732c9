using System.Text.RegularExpressions;

namespace Laobao.Web.Features.Demo;

/// <summary>
/// What only the <c>Demo</c> environment (<c>./demo.sh</c>) needs: the app's files straight from the build output,
/// and the development PKI's CRLs served at <c>/crl/</c> so card sign-in does real revocation checks against them.
/// Nothing here runs in Production or Development.
/// </summary>
public static partial class DemoHosting
{
    public const string EnvironmentName = "Demo";

    /// <summary>Folder of the demo PKI's CRLs (<c>laobao pki --dir X</c> writes them to <c>X/crl</c>).</summary>
    public const string CrlFolderKey = "Demo:CrlFolder";

    /// <summary>
    /// The demo runs from <c>bin/Release</c>, not from a published folder: like Development, it finds the mobile
    /// app's files (<c>/app/_framework/…</c>) through the build's static web assets manifest.
    /// </summary>
    public static WebApplicationBuilder AddDemoHosting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Environment.IsEnvironment(EnvironmentName))
        {
            builder.WebHost.UseStaticWebAssets();
        }

        return builder;
    }

    /// <summary><c>GET /crl/{name}.crl</c> from <see cref="CrlFolderKey"/>, read on each request so a new CRL is served at once.</summary>
    public static WebApplication MapDemoCrls(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var folder = app.Configuration[CrlFolderKey];
        if (!app.Environment.IsEnvironment(EnvironmentName) || string.IsNullOrWhiteSpace(folder))
        {
            return app;
        }

        var root = Path.GetFullPath(folder);
        app.MapGet("/crl/{name}", (string name, HttpContext context) =>
        {
            if (!CrlName().IsMatch(name))
            {
                return Results.NotFound();
            }

            var path = Path.Combine(root, name);
            if (!File.Exists(path))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(File.ReadAllBytes(path), "application/pkix-crl");
        });
        return app;
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}\\.crl$")]
    private static partial Regex CrlName();
}
