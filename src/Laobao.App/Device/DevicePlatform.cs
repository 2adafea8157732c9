namespace Laobao.App.Device;

/// <summary>A plain name for this phone, from the browser's user agent, that the person sees on the e-desk and can change.</summary>
public static class DevicePlatform
{
    public static string FromUserAgent(string? userAgent)
    {
        var ua = userAgent ?? string.Empty;
        if (ua.Contains("iPhone", StringComparison.Ordinal)) return "iPhone";
        if (ua.Contains("iPad", StringComparison.Ordinal)) return "iPad";
        if (ua.Contains("Android", StringComparison.Ordinal)) return "Android";
        if (ua.Contains("Windows", StringComparison.Ordinal)) return "Windows";
        if (ua.Contains("Mac OS", StringComparison.Ordinal)) return "macOS";
        if (ua.Contains("Linux", StringComparison.Ordinal)) return "Linux";
        return "Web";
    }

    public static string Browser(string? userAgent)
    {
        var ua = userAgent ?? string.Empty;
        if (ua.Contains("Edg/", StringComparison.Ordinal)) return "Edge";
        if (ua.Contains("Firefox/", StringComparison.Ordinal)) return "Firefox";
        if (ua.Contains("Chrome/", StringComparison.Ordinal) || ua.Contains("Chromium/", StringComparison.Ordinal)) return "Chrome";
        if (ua.Contains("Safari/", StringComparison.Ordinal)) return "Safari";
        return "Browser";
    }

    public static string DefaultName(string? userAgent) => $"{FromUserAgent(userAgent)} {Browser(userAgent)}";
}
