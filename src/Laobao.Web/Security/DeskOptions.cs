using System.ComponentModel.DataAnnotations;

namespace Laobao.Web.Security;

/// <summary>Section <c>Desk</c>: where the e-desk is reached and where the person's card bridge listens.</summary>
public sealed class DeskOptions
{
    public const string Section = "Desk";

    /// <summary>The e-desk's public origin (scheme://host[:port]); part of every to-be-signed text (SPEC §4.6).</summary>
    [Required]
    public string Origin { get; init; } = "";

    /// <summary>The local card bridge (HiPKI-compatible) the login page opens; the page accepts messages only from here.</summary>
    [Required]
    public string CardBridgeOrigin { get; init; } = "http://127.0.0.1:61161";

    /// <summary>How long the page waits for the bridge's popup to report ready before saying it is not running.</summary>
    [Range(1000, 120000)]
    public int CardBridgeReadyTimeoutMs { get; init; } = 10000;

    /// <summary>True when the value is a bare origin: an absolute http(s) URI with nothing after the authority.</summary>
    public static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), value, StringComparison.Ordinal);
}
