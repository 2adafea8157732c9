using System.Diagnostics;

namespace Laobao.Web.Operations.Telemetry;

/// <summary>Times the inquiry pages and calls (coverage, pension, estimates) into <c>laobao.inquiry.duration</c>.</summary>
public sealed class InquiryTimingMiddleware(RequestDelegate next, LaobaoMeters meters)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var (kind, channel) = Classify(context.Request.Path);
        if (kind is null)
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status200OK)
        {
            meters.Inquiry(kind, channel!, Stopwatch.GetElapsedTime(started));
        }
    }

    private static (string? Kind, string? Channel) Classify(PathString path)
    {
        var channel = path.StartsWithSegments("/api/v1/me", StringComparison.OrdinalIgnoreCase, out var rest) ? "api"
            : path.StartsWithSegments("/desk", StringComparison.OrdinalIgnoreCase, out rest) ? "desk"
            : null;
        if (channel is null || !rest.HasValue)
        {
            return (null, null);
        }

        // /desk/inquiry/coverage, /api/v1/me/coverage, /desk/estimates …
        var segments = rest.Value!.TrimStart('/').ToLowerInvariant().Split('/');
        var first = segments[0] == "inquiry" && segments.Length > 1 ? segments[1] : segments[0];
        return first is "coverage" or "pension" or "estimates" or "estimate" ? (first.TrimEnd('s'), channel) : (null, null);
    }
}
