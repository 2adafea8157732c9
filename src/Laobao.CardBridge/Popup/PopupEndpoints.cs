namespace Laobao.CardBridge.Popup;

/// <summary>
/// <c>GET /popupForm</c>: the page government sites open with <c>window.open</c> because the bridge sends
/// no CORS headers. Its script (<c>/popupForm.js</c>, no inline script) asks the opener for the request,
/// calls the bridge on its own origin and posts the raw answer back to the opener's origin.
/// </summary>
public static class PopupEndpoints
{
    private const string Csp = "default-src 'none'; script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    // The page a person sees while the card signs, in the language of the page that opened it (?lang=en, or Chinese),
    // with the other language beside it, each marked with its own lang so a screen reader speaks it right.
    private const string ChinesePage = """
        <!DOCTYPE html>
        <html lang="zh-Hant-TW">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Laobao 憑證元件 Card bridge</title>
        <script src="/popupForm.js" defer></script>
        </head>
        <body>
        <main>
        <h1>Laobao 憑證元件</h1>
        <p role="status">讀卡中，請稍候…</p>
        <p lang="en">Laobao card bridge: reading the card, please wait…</p>
        </main>
        </body>
        </html>
        """;

    private const string EnglishPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Laobao card bridge</title>
        <script src="/popupForm.js" defer></script>
        </head>
        <body>
        <main>
        <h1>Laobao card bridge</h1>
        <p role="status">Reading the card, please wait…</p>
        <p lang="zh-Hant-TW">Laobao 憑證元件：讀卡中，請稍候…</p>
        </main>
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
            var english = string.Equals(context.Request.Query["lang"], "en", StringComparison.OrdinalIgnoreCase);
            return Results.Content(english ? EnglishPage : ChinesePage, "text/html; charset=utf-8");
        });
        app.MapGet("/popupForm.js", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Stream(typeof(PopupEndpoints).Assembly.GetManifestResourceStream("Laobao.CardBridge.Popup.popupForm.js")!, "text/javascript; charset=utf-8");
        });
        return app;
    }
}
