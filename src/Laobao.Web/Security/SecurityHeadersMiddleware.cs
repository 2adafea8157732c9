namespace Laobao.Web.Security;

/// <summary>Headers of the security baseline (SPEC §8): a CSP without inline script, no sniffing, no framing.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    // The mobile app (/app) runs .NET in WebAssembly: compiling its modules needs 'wasm-unsafe-eval', which
    // allows WebAssembly compilation only — still no inline script and no JavaScript eval. Scoped to /app only.
    private const string AppContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'self'; " +
        "form-action 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var isApp = context.Request.Path.StartsWithSegments("/app", StringComparison.Ordinal);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // An endpoint may carry its own policy (only the third-party API reference page does, see ContentSecurityPolicyOverride).
            headers.ContentSecurityPolicy = context.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicyOverride>()?.Policy
                ?? (isApp ? AppContentSecurityPolicy : ContentSecurityPolicy);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()";
            return Task.CompletedTask;
        });
        return next(context);
    }
}

/// <summary>Endpoint metadata replacing the site-wide CSP for that endpoint alone.</summary>
public sealed record ContentSecurityPolicyOverride(string Policy);
