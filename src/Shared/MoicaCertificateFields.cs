using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace Laobao.Certificates;

/// <summary>
/// Reads the MOICA-profile fields (SPEC §4.4) that .NET has no typed accessor for.
/// Compiled as linked source into the e-desk (which checks them at sign-in), the card bridge (which describes
/// them in <c>/pkcs11info</c>) and the <c>laobao</c> command (which mints them), so none reads a card differently.
/// </summary>
internal static class MoicaCertificateFields
{
    public const string CertificatePoliciesOid = "2.5.29.32";
    public const string SubjectDirectoryAttributesOid = "2.5.29.9";
    public const string IdLastFourAttributeOid = "2.16.886.1.100.2.51";

    /// <summary>The holder's name: the subject's CN.</summary>
    public static string HolderName(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
    }

    /// <summary>The last four characters of the holder's ID number, or null when the certificate does not carry them.</summary>
    public static string? IdLastFour(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = certificate.Extensions[SubjectDirectoryAttributesOid];
        if (extension is null)
        {
            return null;
        }

        try
        {
            var attributes = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (attributes.HasData)
            {
                var attribute = attributes.ReadSequence();
                var type = attribute.ReadObjectIdentifier();
                var values = attribute.ReadSetOf();
                if (type == IdLastFourAttributeOid && values.HasData)
                {
                    return ReadAnyString(values);
                }
            }
        }
        catch (AsnContentException)
        {
            // A malformed extension carries no ID digits; the caller decides what that means.
            return null;
        }

        return null;
    }

    /// <summary>The policy OIDs of the certificatePolicies extension; empty when it is absent or unreadable.</summary>
    public static IReadOnlyList<string> Policies(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = certificate.Extensions[CertificatePoliciesOid];
        if (extension is null)
        {
            return [];
        }

        try
        {
            var policies = new List<string>();
            var sequence = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (sequence.HasData)
            {
                var information = sequence.ReadSequence();
                policies.Add(information.ReadObjectIdentifier());
            }

            return policies;
        }
        catch (AsnContentException)
        {
            return [];
        }
    }

    public static bool HasDigitalSignatureUsage(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } usage
        && usage.KeyUsages.HasFlag(X509KeyUsageFlags.DigitalSignature);

    private static string? ReadAnyString(AsnReader values)
    {
        var tag = values.PeekTag();
        if (tag.TagClass != TagClass.Universal)
        {
            return null;
        }

        return (UniversalTagNumber)tag.TagValue switch
        {
            UniversalTagNumber.PrintableString => values.ReadCharacterString(UniversalTagNumber.PrintableString),
            UniversalTagNumber.IA5String => values.ReadCharacterString(UniversalTagNumber.IA5String),
            UniversalTagNumber.UTF8String => values.ReadCharacterString(UniversalTagNumber.UTF8String),
            UniversalTagNumber.BMPString => values.ReadCharacterString(UniversalTagNumber.BMPString),
            UniversalTagNumber.NumericString => values.ReadCharacterString(UniversalTagNumber.NumericString),
            _ => null,
        };
    }
}
