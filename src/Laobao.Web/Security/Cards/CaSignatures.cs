using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Laobao.Web.Security.Cards;

/// <summary>
/// Checks a signature a CA made over DER bytes (an OCSP answer, a CRL, a certificate) with the algorithms CAs use:
/// RSA PKCS#1 v1.5 with SHA-1/256/384/512 and ECDSA with SHA-256/384/512. Anything else does not verify.
/// </summary>
internal static class CaSignatures
{
    public static bool Verifies(PublicKey key, ReadOnlySpan<byte> data, string algorithm, ReadOnlySpan<byte> signature)
    {
        var (hash, rsa) = algorithm switch
        {
            "1.2.840.113549.1.1.11" => (HashAlgorithmName.SHA256, true),
            "1.2.840.113549.1.1.12" => (HashAlgorithmName.SHA384, true),
            "1.2.840.113549.1.1.13" => (HashAlgorithmName.SHA512, true),
            "1.2.840.113549.1.1.5" => (HashAlgorithmName.SHA1, true),
            "1.2.840.10045.4.3.2" => (HashAlgorithmName.SHA256, false),
            "1.2.840.10045.4.3.3" => (HashAlgorithmName.SHA384, false),
            "1.2.840.10045.4.3.4" => (HashAlgorithmName.SHA512, false),
            _ => (default(HashAlgorithmName), false),
        };
        if (hash == default)
        {
            return false;
        }

        if (rsa)
        {
            using var publicRsa = key.GetRSAPublicKey();
            return publicRsa is not null && publicRsa.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
        }

        using var ecdsa = key.GetECDsaPublicKey();
        return ecdsa is not null && ecdsa.VerifyData(data, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>The certificate's own signature verifies with the issuer's key.</summary>
    public static bool CertificateSignedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        var parts = new AsnReader(certificate.RawData, AsnEncodingRules.DER).ReadSequence();
        var tbs = parts.ReadEncodedValue();
        var algorithm = parts.ReadSequence().ReadObjectIdentifier();
        var signature = parts.ReadBitString(out _);
        return Verifies(issuer.PublicKey, tbs.Span, algorithm, signature);
    }
}
