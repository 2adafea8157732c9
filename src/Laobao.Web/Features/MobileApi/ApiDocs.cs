using Laobao.Web.Security;
using Scalar.AspNetCore;

namespace Laobao.Web.Features.MobileApi;

/// <summary>The OpenAPI document at /openapi/v1.json and an interactive reference (Scalar) at /api/docs.</summary>
public static class ApiDocs
{
    public const string Path = "/api/docs";

    // Scalar's page configures itself with an inline script and inline styles; this relaxed policy applies to
    // that one page only, which shows no personal data and sends requests only to this origin.
    private const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json");
        endpoints.MapScalarApiReference(Path, options => options
                .WithTitle("Laobao mobile API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .WithMetadata(new ContentSecurityPolicyOverride(ReferencePolicy));
        return endpoints;
    }
}
