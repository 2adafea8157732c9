namespace Laobao.Web.Localization;

/// <summary>
/// Picks the language for this request: <c>?lang=</c> first (and remembers it), then the cookie,
/// then zh-TW, the default of the published walkthroughs.
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

        context.Features.Set(new UiLanguageFeature(language));
        return next(context);
    }
}

public sealed record UiLanguageFeature(UiLanguage Language);

public static class UiLanguageHttpContextExtensions
{
    public static UiLanguage UiLanguage(this HttpContext context) =>
        context.Features.Get<UiLanguageFeature>()?.Language ?? Localization.UiLanguage.ZhTw;
}
