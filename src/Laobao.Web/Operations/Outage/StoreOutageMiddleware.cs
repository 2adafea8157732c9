using System.Globalization;
using System.Net;
using Npgsql;

namespace Laobao.Web.Operations.Outage;

/// <summary>
/// While the store is away a request answers 503 with <c>Retry-After</c> — a page in both languages on the e-desk,
/// a problem document on the API — instead of a 500. Nothing was stored for that request (its transaction failed),
/// so the person is told to send it again. The connection pools are cleared, so that once the store is back no
/// request trips over a connection that died with the old server process.
/// </summary>
public sealed partial class StoreOutageMiddleware(RequestDelegate next, ILogger<StoreOutageMiddleware> logger)
{
    /// <summary>Seconds a client should wait: about one balancer health-check round.</summary>
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (StoreOutage.IsStoreUnavailable(exception) && !context.Response.HasStarted)
        {
            LogStoreUnavailable(logger, context.Request.Method, context.GetEndpoint()?.DisplayName ?? "-", exception.GetType().Name);
            NpgsqlConnection.ClearAllPools();
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            if (WantsProblemDocument(context.Request))
            {
                await Results.Problem(
                        title: OutageCopy.ProblemTitle,
                        detail: OutageCopy.ProblemDetail,
                        statusCode: StatusCodes.Status503ServiceUnavailable,
                        type: "urn:laobao:problem:" + OutageCopy.Code,
                        extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = OutageCopy.Code, ["retryAfter"] = RetryAfterSeconds })
                    .ExecuteAsync(context);
            }
            else
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(Page(context.Request), context.RequestAborted);
            }
        }
    }

    private static bool WantsProblemDocument(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/desk/api", StringComparison.OrdinalIgnoreCase)
        || request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase)
        || (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>A page that needs nothing from the store (no layout, no session): both languages, the site's own style sheet.</summary>
    private static string Page(HttpRequest request)
    {
        var again = WebUtility.HtmlEncode(request.PathBase + request.Path + request.QueryString);
        return $"""
            <!DOCTYPE html>
            <html lang="zh-Hant-TW">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{OutageCopy.TitleZh} · {OutageCopy.TitleEn}</title>
            <link rel="stylesheet" href="/css/site.css">
            </head>
            <body>
            <main>
            <h1>{OutageCopy.TitleZh}</h1>
            <p>{OutageCopy.BodyZh}</p>
            <div lang="en">
            <h2>{OutageCopy.TitleEn}</h2>
            <p>{OutageCopy.BodyEn}</p>
            </div>
            <p><a href="{again}">{OutageCopy.RetryZh} · <span lang="en">{OutageCopy.RetryEn}</span></a></p>
            </main>
            </body>
            </html>
            """;
    }

    [LoggerMessage(EventId = 1910, Level = LogLevel.Warning, Message = "The store is unavailable: {Method} {Endpoint} answered 503 ({ExceptionType})")]
    private static partial void LogStoreUnavailable(ILogger logger, string method, string endpoint, string exceptionType);
}

/// <summary>Pipeline placement of <see cref="StoreOutageMiddleware"/>.</summary>
public static class StoreOutageApplicationBuilderExtensions
{
    /// <summary>After the security headers (the 503 page carries them too), before anything that reads the store.</summary>
    public static IApplicationBuilder UseStoreOutageAnswers(this IApplicationBuilder app) => app.UseMiddleware<StoreOutageMiddleware>();
}
