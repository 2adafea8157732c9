namespace Laobao.Web.Security;

/// <summary>
/// Builds cookies that are always Secure, even on a plain-HTTP request. Antiforgery refuses
/// <see cref="CookieSecurePolicy.Always"/> on HTTP outright, which would break the loopback development
/// and demo e-desk (http://127.0.0.1), where browsers do accept Secure and <c>__Host-</c> cookies.
/// Production runs on HTTPS only (see <see cref="DeskOptions.IsAcceptableOrigin"/>).
/// </summary>
public sealed class AlwaysSecureCookieBuilder : CookieBuilder
{
    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = true;
        return options;
    }
}
