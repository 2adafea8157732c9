using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Laobao.Ops.Pki;

/// <summary>
/// What to put in a card certificate. The defaults give exactly the MOICA profile (SPEC §4.4);
/// each property can be bent to mint the wrong certificates that verification must refuse.
/// </summary>
/// <param name="Name">Holder's name, the subject CN (e.g. 王小明).</param>
/// <param name="IdNumber">ID or ARC number; its last four characters go into the certificate.</param>
public sealed record CardCertificateRequest(string Name, string IdNumber)
{
    /// <summary>The 16-digit subject serialNumber; random when null.</summary>
    public string? SubjectSerialNumber { get; init; }

    /// <summary>Start of validity; the PKI's clock (less one minute) when null.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>End of validity; <see cref="NotBefore"/> plus eight years when null.</summary>
    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>Key usage, critical; MOICA signing certificates carry only digitalSignature.</summary>
    public X509KeyUsageFlags KeyUsage { get; init; } = X509KeyUsageFlags.DigitalSignature;

    /// <summary>Certificate policy OIDs; an empty list leaves the extension out.</summary>
    public IReadOnlyList<string> Policies { get; init; } = [MoicaProfile.CitizenPolicyOid];

    /// <summary>Value of the last-four attribute; the last four characters of <see cref="IdNumber"/> when null.</summary>
    public string? LastFour { get; init; }

    /// <summary>False leaves the subjectDirectoryAttributes extension out.</summary>
    public bool IncludeLastFour { get; init; } = true;

    /// <summary>CRL distribution point; the PKI's MOICA CRL URL when null, none when empty.</summary>
    public string? CrlUrl { get; init; }

    /// <summary>OCSP responder for the authority-information-access extension; the PKI's (if any) when null, none when empty.</summary>
    public string? OcspUrl { get; init; }

    /// <summary>The holder's key; a new RSA-2048 key when null.</summary>
    public RSA? Key { get; init; }
}

/// <summary>Settings chosen when the development PKI is created, kept in its state folder.</summary>
/// <param name="MoicaCrlUrl">Where relying parties fetch the demo MOICA CRL (put in every card certificate).</param>
/// <param name="RootCrlUrl">Where relying parties fetch the demo root's CRL (put in the intermediate).</param>
/// <param name="OcspUrl">Optional OCSP responder named in card certificates.</param>
public sealed record DevelopmentPkiSettings(string MoicaCrlUrl, string RootCrlUrl, string? OcspUrl)
{
    /// <summary>The e-desk's development address (demo.sh and launchSettings use port 5080).</summary>
    public const string DefaultBaseUrl = "http://127.0.0.1:5080/crl/";

    public const string MoicaCrlFileName = "moica-demo.crl";
    public const string RootCrlFileName = "root-demo.crl";

    /// <summary>Both CRLs under one base URL (ending in '/').</summary>
    public static DevelopmentPkiSettings ForBaseUrl(string baseUrl, string? ocspUrl = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseUrl);
        var normalised = baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/";
        return new DevelopmentPkiSettings(normalised + MoicaCrlFileName, normalised + RootCrlFileName, ocspUrl);
    }

    public static DevelopmentPkiSettings Default { get; } = ForBaseUrl(DefaultBaseUrl);
}

/// <summary>One revoked serial number, as recorded in the PKI's state.</summary>
/// <param name="Serial">Upper-case hexadecimal serial number.</param>
public sealed record RevokedSerial(string Serial, DateTimeOffset RevokedAt, X509RevocationReason Reason);

/// <summary>A bad request to the development PKI (unknown serial, unreadable folder…): one readable sentence.</summary>
public sealed class PkiException : Exception
{
    public PkiException()
        : this("development PKI error")
    {
    }

    public PkiException(string message)
        : base(message)
    {
    }

    public PkiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
