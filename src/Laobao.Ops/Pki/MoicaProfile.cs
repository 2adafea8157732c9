using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using Laobao.Certificates;

namespace Laobao.Ops.Pki;

/// <summary>
/// The names and extensions of the MOICA (內政部憑證管理中心) user-certificate profile (SPEC §4.4),
/// encoded exactly as the real cards carry them so that development certificates exercise the same
/// parsing code as production ones.
/// </summary>
public static class MoicaProfile
{
    /// <summary>Certificate policy of MOICA citizen certificates.</summary>
    public const string CitizenPolicyOid = "2.16.886.101.0.3.3";

    /// <summary>subjectDirectoryAttributes extension (RFC 5280 §4.2.1.8).</summary>
    public const string SubjectDirectoryAttributesOid = "2.5.29.9";

    /// <summary>certificatePolicies extension.</summary>
    public const string CertificatePoliciesOid = "2.5.29.32";

    /// <summary>Attribute holding the last four characters of the holder's ID number.</summary>
    public const string LastFourAttributeOid = "2.16.886.1.100.2.51";

    /// <summary>X.520 serialNumber attribute of the subject name.</summary>
    public const string SubjectSerialNumberOid = "2.5.4.5";

    /// <summary>The issuer name of MOICA, which the demo intermediate copies (with its own key).</summary>
    public static X500DistinguishedName IssuerName()
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCountryOrRegion("TW");
        builder.AddOrganizationName("行政院");
        builder.AddOrganizationalUnitName("內政部憑證管理中心");
        return builder.Build();
    }

    /// <summary>Subject <c>C=TW, CN=&lt;name&gt;, serialNumber=&lt;16 digits&gt;</c>.</summary>
    public static X500DistinguishedName SubjectName(string name, string subjectSerialNumber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectSerialNumber);
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCountryOrRegion("TW");
        builder.AddCommonName(name);
        builder.Add(SubjectSerialNumberOid, subjectSerialNumber, UniversalTagNumber.PrintableString);
        return builder.Build();
    }

    /// <summary>certificatePolicies with one PolicyInformation (no qualifiers) per OID.</summary>
    public static X509Extension CertificatePolicies(IEnumerable<string> policyOids)
    {
        ArgumentNullException.ThrowIfNull(policyOids);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            foreach (var oid in policyOids)
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(oid);
                }
            }
        }

        return new X509Extension(CertificatePoliciesOid, writer.Encode(), critical: false);
    }

    /// <summary>
    /// subjectDirectoryAttributes holding one attribute 2.16.886.1.100.2.51 whose single value is the
    /// last four characters of the ID number as an IA5String.
    /// </summary>
    public static X509Extension LastFourAttribute(string lastFour)
    {
        ArgumentException.ThrowIfNullOrEmpty(lastFour);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(LastFourAttributeOid);
            using (writer.PushSetOf())
            {
                writer.WriteCharacterString(UniversalTagNumber.IA5String, lastFour);
            }
        }

        return new X509Extension(SubjectDirectoryAttributesOid, writer.Encode(), critical: false);
    }

    /// <summary>Reads the certificate policy OIDs, or an empty list when the extension is absent.</summary>
    public static IReadOnlyList<string> ReadPolicies(X509Certificate2 certificate) => MoicaCertificateFields.Policies(certificate);

    /// <summary>Reads the 2.16.886.1.100.2.51 value from subjectDirectoryAttributes, or null when absent.</summary>
    public static string? ReadLastFour(X509Certificate2 certificate) => MoicaCertificateFields.IdLastFour(certificate);
}
