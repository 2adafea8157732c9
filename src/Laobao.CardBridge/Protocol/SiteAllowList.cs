namespace Laobao.CardBridge.Protocol;

/// <summary>One allow-list entry: an exact origin, or a scheme and a parent domain (<c>https://*.example.tw</c>).</summary>
public sealed record SiteAllowListPattern(string Scheme, string Host, int Port, bool Subdomains)
{
    public static SiteAllowListPattern? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim().TrimEnd('/');
        var wildcard = trimmed.Contains("://*.", StringComparison.Ordinal);
        var candidate = wildcard ? trimmed.Replace("://*.", "://", StringComparison.Ordinal) : trimmed;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || uri.UserInfo.Length > 0)
        {
            return null;
        }

        return new SiteAllowListPattern(uri.Scheme, uri.IdnHost.ToLowerInvariant(), uri.Port, wildcard);
    }

    public bool Matches(Uri origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (origin.Scheme != Scheme || origin.Port != Port)
        {
            return false;
        }

        var host = origin.IdnHost.ToLowerInvariant();
        return Subdomains ? host.EndsWith("." + Host, StringComparison.Ordinal) : host == Host;
    }
}

/// <summary>
/// Decides which site is asking and whether it may use the card (HiPKI refuses others with
/// <c>0x76000031</c>). A browser tells the calling page by the <c>Origin</c> or <c>Referer</c> header;
/// requests from the bridge's own popup page carry the opener's origin, which the popup learnt from
/// the browser (<c>MessageEvent.origin</c>), in <see cref="CallerOriginHeader"/> — trusted only on
/// same-origin requests, since other pages cannot add that header without a CORS pre-flight the
/// bridge never grants.
/// </summary>
public sealed class SiteAllowList(IEnumerable<string> origins)
{
    public const string CallerOriginHeader = "X-HiPKI-Caller-Origin";

    private readonly List<SiteAllowListPattern> patterns = [.. origins.Select(SiteAllowListPattern.Parse).OfType<SiteAllowListPattern>()];

    /// <summary>The calling page's origin, or null when the request does not say (or says "null").</summary>
    public static Uri? CallerOrigin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var own = $"{request.Scheme}://{request.Host}";
        var claimed = OriginOf(request.Headers.Origin.ToString()) ?? OriginOf(request.Headers.Referer.ToString());
        if (claimed is null)
        {
            return null;
        }

        if (string.Equals(claimed.GetLeftPart(UriPartial.Authority), own, StringComparison.OrdinalIgnoreCase))
        {
            return OriginOf(request.Headers[CallerOriginHeader].ToString());
        }

        return claimed;
    }

    public bool Allows(Uri? origin) => origin is not null && patterns.Exists(p => p.Matches(origin));

    private static Uri? OriginOf(string header)
    {
        if (string.IsNullOrWhiteSpace(header) || header == "null" || !Uri.TryCreate(header, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority));
    }
}
