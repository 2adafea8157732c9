namespace Laobao.Web.Localization;

/// <summary>
/// Picks the language for this request: <c>?lang=</c> first (and remembers it), then the cookie, then the browser's
/// <c>Accept-Language</c> (a newcomer whose browser asks for English gets English at once), then zh-TW, the default
/// of the published walkthroughs.
/// </summary>
public sealed class LanguageMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var language = UiLanguage.ZhTw;
        if (UiLanguages.TryParse(context.Request.Query[UiLanguages.QueryKey], out var fromQuery))
        {
            language = fromQuery;
            context.Response.Cookies.Append(UiLanguages.CookieName, language.Tag(), new CookieOptions
            {
                Path = "/",
                Secure = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
            });
        }
        else if (UiLanguages.TryParse(context.Request.Cookies[UiLanguages.CookieName], out var fromCookie))
        {
            language = fromCookie;
        }
        else if (FromAcceptLanguage(context.Request.Headers.AcceptLanguage.ToString()) is { } fromBrowser)
        {
            language = fromBrowser;
        }

        context.Features.Set(new UiLanguageFeature(language));
        return next(context);
    }

    /// <summary>
    /// The first of the browser's languages (by q, then by order) that is Chinese or English; any Chinese picks zh-TW,
    /// any English picks en. Null when the browser names neither, or sends nothing.
    /// </summary>
    public static UiLanguage? FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)
            || !Microsoft.Net.Http.Headers.StringWithQualityHeaderValue.TryParseList(header.Split(','), out var values))
        {
            return null;
        }

        foreach (var value in values.Select((v, i) => (v, i)).OrderByDescending(x => x.v.Quality ?? 1).ThenBy(x => x.i).Select(x => x.v))
        {
            if (value.Quality is 0)
            {
                continue;
            }

            var tag = value.Value.ToString().Trim().ToLowerInvariant();
            if (tag == "zh" || tag.StartsWith("zh-", StringComparison.Ordinal))
            {
                return UiLanguage.ZhTw;
            }

            if (tag == "en" || tag.StartsWith("en-", StringComparison.Ordinal))
            {
                return UiLanguage.En;
            }
        }

        return null;
    }
}

public sealed record UiLanguageFeature(UiLanguage Language);

public static class UiLanguageHttpContextExtensions
{
    public static UiLanguage UiLanguage(this HttpContext context) =>
        context.Features.Get<UiLanguageFeature>()?.Language ?? Localization.UiLanguage.ZhTw;
}
