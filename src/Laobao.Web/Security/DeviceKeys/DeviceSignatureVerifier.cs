using System.Security.Cryptography;
using Laobao.Client;

namespace Laobao.Web.Security.DeviceKeys;

/// <summary>
/// Checks a phone's proof of key possession: ECDSA P-256 with SHA-256, the signature in IEEE P1363 form
/// (r‖s, 64 bytes, as WebCrypto makes it), key and signature in base64url, the key as SubjectPublicKeyInfo.
/// </summary>
public static class DeviceSignatureVerifier
{
    private const int MaxSpkiBytes = 256;

    /// <summary>The SPKI bytes when they hold a P-256 public key; null for anything else (RSA, other curves, junk).</summary>
    public static byte[]? ParsePublicKey(string? publicKeyBase64Url)
    {
        var spki = DeviceProof.FromBase64Url(publicKeyBase64Url);
        if (spki is null || spki.Length > MaxSpkiBytes)
        {
            return null;
        }

        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(spki, out var read);
            if (read != spki.Length)
            {
                return null;
            }

            var curve = key.ExportParameters(false).Curve;
            return curve.IsNamed && curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value ? spki : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static bool Verify(byte[] spki, string text, string? signatureBase64Url)
    {
        ArgumentNullException.ThrowIfNull(spki);
        var signature = DeviceProof.FromBase64Url(signatureBase64Url);
        if (signature is not { Length: 64 })
        {
            return false;
        }

        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(spki, out _);
            return key.VerifyData(DeviceProof.Utf8(text), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
