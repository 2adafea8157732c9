using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Laobao.Web.Tests.Security;

/// <summary>Makes the CMS SignedData a card bridge returns (content attached, SHA-256, signer certificate included).</summary>
internal static class CardSigner
{
    public static string Sign(X509Certificate2 card, string text, X509Certificate2Collection? extraCertificates = null)
    {
        var cms = new SignedCms(new ContentInfo(Encoding.UTF8.GetBytes(text)), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, card)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        if (extraCertificates is not null)
        {
            signer.Certificates.AddRange(extraCertificates);
        }

        cms.ComputeSignature(signer, silent: true);
        return Convert.ToBase64String(cms.Encode());
    }

    /// <summary>
    /// A signature that names <paramref name="claimed"/> as signer, whose signature value was made by
    /// <paramref name="other"/>'s key over the same signed attributes (no signing time, so they are identical).
    /// </summary>
    public static string SignWithForeignKey(X509Certificate2 claimed, X509Certificate2 other, string text)
    {
        var genuine = Convert.FromBase64String(Sign(claimed, text));
        var foreign = Convert.FromBase64String(Sign(other, text));
        var genuineValue = SignatureValue(genuine);
        var foreignValue = SignatureValue(foreign);
        Assert.Equal(genuineValue.Length, foreignValue.Length);
        var at = genuine.AsSpan().IndexOf(genuineValue);
        Assert.True(at >= 0);
        foreignValue.CopyTo(genuine, at);
        return Convert.ToBase64String(genuine);
    }

    private static byte[] SignatureValue(byte[] encoded)
    {
        var cms = new SignedCms();
        cms.Decode(encoded);
        return cms.SignerInfos[0].GetSignature();
    }

    /// <summary>Changes signed bytes inside an encoded CMS without re-signing (same length, so the DER stays well formed).</summary>
    public static string Tamper(string signatureBase64, string from, string to)
    {
        Assert.Equal(from.Length, to.Length);
        var bytes = Convert.FromBase64String(signatureBase64);
        var needle = Encoding.UTF8.GetBytes(from);
        var at = bytes.AsSpan().IndexOf(needle);
        Assert.True(at >= 0, $"'{from}' is not in the signed content");
        Encoding.UTF8.GetBytes(to).CopyTo(bytes, at);
        return Convert.ToBase64String(bytes);
    }
}
