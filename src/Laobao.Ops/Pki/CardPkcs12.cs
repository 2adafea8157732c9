using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Laobao.Ops.Pki;

/// <summary>
/// A card certificate and its key as a PKCS#12 file protected by the card PIN — the demo stand-in
/// for a smart card. The certificates are left unencrypted (the key is shrouded with AES-256 and the
/// file MAC-sealed with the PIN) so that a bridge can list the card without asking for the PIN,
/// as it can with a real card.
/// </summary>
public static class CardPkcs12
{
    private const int Iterations = 100_000;

    public static byte[] Export(X509Certificate2 card, string pin, X509Certificate2? issuer = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrEmpty(pin);
        using var key = card.GetRSAPrivateKey() ?? throw new PkiException("the card certificate carries no RSA private key");

        var keyId = new Pkcs9LocalKeyId(card.GetCertHash(HashAlgorithmName.SHA1));
        var certificates = new Pkcs12SafeContents();
        certificates.AddCertificate(card).Attributes.Add(keyId);
        if (issuer is not null)
        {
            certificates.AddCertificate(issuer);
        }

        var keys = new Pkcs12SafeContents();
        keys.AddShroudedKey(key, pin, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, Iterations)).Attributes.Add(keyId);

        var builder = new Pkcs12Builder();
        builder.AddSafeContentsUnencrypted(certificates);
        builder.AddSafeContentsUnencrypted(keys);
        builder.SealWithMac(pin, HashAlgorithmName.SHA256, Iterations);
        return builder.Encode();
    }
}
