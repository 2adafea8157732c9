using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Laobao.CardBridge.Protocol;
using Laobao.Certificates;

namespace Laobao.CardBridge.Cards;

/// <summary>How <c>/pkcs11info</c> describes a certificate on a card.</summary>
public static class CertificateDescription
{
    private static readonly (X509KeyUsageFlags Flag, string Name)[] Usages =
    [
        (X509KeyUsageFlags.DigitalSignature, "digitalSignature"),
        (X509KeyUsageFlags.NonRepudiation, "nonRepudiation"),
        (X509KeyUsageFlags.KeyEncipherment, "keyEncipherment"),
        (X509KeyUsageFlags.DataEncipherment, "dataEncipherment"),
        (X509KeyUsageFlags.KeyAgreement, "keyAgreement"),
        (X509KeyUsageFlags.KeyCertSign, "keyCertSign"),
        (X509KeyUsageFlags.CrlSign, "cRLSign"),
    ];

    public static X509KeyUsageFlags KeyUsage(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault()?.KeyUsages ?? X509KeyUsageFlags.None;

    /// <summary>True for the card's signing certificate: an end-entity certificate with digitalSignature.</summary>
    public static bool IsSigning(X509Certificate2 certificate)
    {
        var isCa = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault()?.CertificateAuthority ?? false;
        return !isCa && KeyUsage(certificate).HasFlag(X509KeyUsageFlags.DigitalSignature);
    }

    /// <summary>Key usage names joined by '|' — exactly "digitalSignature" for a MOICA signing certificate.</summary>
    public static string Usage(X509Certificate2 certificate)
    {
        var flags = KeyUsage(certificate);
        return string.Join('|', Usages.Where(u => flags.HasFlag(u.Flag)).Select(u => u.Name));
    }

    public static CertificateMessage Describe(CardCertificate entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var certificate = entry.Certificate;
        return new CertificateMessage(
            entry.Label,
            Usage(certificate),
            Convert.ToBase64String(certificate.RawData),
            certificate.SerialNumber,
            DistinguishedName(certificate.SubjectName),
            DistinguishedName(certificate.IssuerName),
            MoicaCertificateFields.IdLastFour(certificate) ?? string.Empty,
            certificate.NotBefore.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>RFC 4514 order (most specific first), the same on every operating system.</summary>
    public static string DistinguishedName(X500DistinguishedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.EnumerateRelativeDistinguishedNames().Reverse().Select(rdn =>
        {
            var type = rdn.GetSingleElementType().Value switch
            {
                "2.5.4.6" => "C",
                "2.5.4.3" => "CN",
                "2.5.4.10" => "O",
                "2.5.4.11" => "OU",
                "2.5.4.5" => "serialNumber",
                "2.5.4.7" => "L",
                "2.5.4.8" => "ST",
                var oid => oid,
            };
            return type + "=" + rdn.GetSingleElementValue();
        });
        return string.Join(',', parts);
    }
}
