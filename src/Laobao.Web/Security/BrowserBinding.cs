using System.Security.Cryptography;

namespace Laobao.Web.Security;

/// <summary>
/// A random value in a browser-session cookie that ties a signing challenge to the browser that asked for it,
/// before anyone is signed in. A nonce redeemed from another browser is unknown there.
/// </summary>
public static class BrowserBinding
{
    public const string CookieName = "__Host-laobao-bind";

    public static string? Read(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var value) && value.Length is > 20 and < 100 ? value : null;

    public static string GetOrCreate(HttpContext context)
    {
        if (Read(context) is { } existing)
        {
            return existing;
        }

        var created = Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        context.Response.Cookies.Append(CookieName, created, new CookieOptions
        {
            Path = "/",
            Secure = true,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
        });
        return created;
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
