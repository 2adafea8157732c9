using System.ComponentModel.DataAnnotations;

namespace Laobao.Web.Security.Cards;

/// <summary>
/// Which card certificates the e-desk accepts (SPEC §4.6). Bound from the <c>CardTrust</c> section;
/// trust lives in configuration only, so the demo CA can never reach production by being compiled in.
/// </summary>
public sealed class CardTrustOptions
{
    public const string Section = "CardTrust";

    /// <summary>Files (PEM or DER) of the root certificates a chain must end at.</summary>
    [MinLength(1)]
    public IList<string> Roots { get; init; } = [];

    /// <summary>Files (PEM or DER) of the only issuing CAs a chain may pass through.</summary>
    public IList<string> Intermediates { get; init; } = [];

    /// <summary>Accepted certificate policy OIDs; the user certificate must carry at least one.</summary>
    [MinLength(1)]
    public IList<string> Policies { get; init; } = [];

    /// <summary>Refuse when the revocation status cannot be learned (CRL unreachable or stale).</summary>
    public bool FailClosed { get; init; } = true;

    /// <summary>How long one CRL or OCSP fetch may take before the status counts as unknown.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan RevocationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often each node fetches a CRL again while the one in hand is still current (and sooner as its next update
    /// nears): a card revoked in a CRL the CA has published is refused on a node at most this long after.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan CrlRefreshInterval { get; init; } = TimeSpan.FromHours(1);
}
