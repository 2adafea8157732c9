namespace Laobao.CardBridge.Popup;

/// <summary>
/// <c>GET /popupForm</c>: the page government sites open with <c>window.open</c> because the bridge sends
/// no CORS headers. Its script (<c>/popupForm.js</c>, no inline script) asks the opener for the request,
/// calls the bridge on its own origin and posts the raw answer back to the opener's origin.
/// </summary>
public static class PopupEndpoints
{
    private const string Csp = "default-src 'none'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string Page = """
        <!DOCTYPE html>
        <html lang="zh-Hant-TW">
        <head>
        <meta charset="utf-8">
        <title>Laobao 憑證元件 Card bridge</title>
        <script src="/popupForm.js" defer></script>
        </head>
        <body>
        <p>讀卡中，請稍候… / Reading the card, please wait…</p>
        </body>
        </html>
        """;

    public static IEndpointRouteBuilder MapPopup(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/popupForm", (HttpContext context) =>
        {
            context.Response.Headers.ContentSecurityPolicy = Csp;
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(Page, "text/html; charset=utf-8");
        });
        app.MapGet("/popupForm.js", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Stream(typeof(PopupEndpoints).Assembly.GetManifestResourceStream("Laobao.CardBridge.Popup.popupForm.js")!, "text/javascript; charset=utf-8");
        });
        return app;
    }
}
