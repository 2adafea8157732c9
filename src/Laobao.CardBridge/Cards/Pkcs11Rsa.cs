using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using ISession = Net.Pkcs11Interop.HighLevelAPI.ISession;

namespace Laobao.CardBridge.Cards;

/// <summary>
/// An RSA key that stays on the card: <see cref="SignHash"/> sends the DigestInfo to the token
/// (CKM_RSA_PKCS), so SignedCms and RSA.SignData work with a card key like with any other.
/// </summary>
internal sealed class Pkcs11Rsa : RSA
{
    private readonly ISession session;
    private readonly IObjectHandle privateKey;
    private readonly RSAParameters publicParameters;

    public Pkcs11Rsa(ISession session, IObjectHandle privateKey, RSAParameters publicParameters)
    {
        this.session = session;
        this.privateKey = privateKey;
        this.publicParameters = publicParameters;
        var bits = publicParameters.Modulus!.Length * 8;
        LegalKeySizesValue = [new KeySizes(bits, bits, 0)];
        KeySizeValue = bits;
    }

    public override byte[] SignHash(byte[] hash, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
    {
        ArgumentNullException.ThrowIfNull(hash);
        if (padding != RSASignaturePadding.Pkcs1)
        {
            throw new CryptographicException("the card signs with PKCS#1 v1.5 padding only");
        }

        var digestInfo = DigestInfoPrefix(hashAlgorithm).Concat(hash).ToArray();
        using var mechanism = session.Factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS);
        return session.Sign(mechanism, privateKey, digestInfo);
    }

    public override bool VerifyHash(byte[] hash, byte[] signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
    {
        using var verifier = Create(publicParameters);
        return verifier.VerifyHash(hash, signature, hashAlgorithm, padding);
    }

    public override RSAParameters ExportParameters(bool includePrivateParameters) =>
        includePrivateParameters
            ? throw new CryptographicException("the private key never leaves the card")
            : publicParameters;

    public override void ImportParameters(RSAParameters parameters) =>
        throw new NotSupportedException("a key on a card cannot be replaced");

    // DER prefixes of DigestInfo (RFC 8017 §9.2, note 1).
    private static byte[] DigestInfoPrefix(HashAlgorithmName hash) => hash.Name switch
    {
        "SHA256" => [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20],
        "SHA384" => [0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30],
        "SHA512" => [0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40],
        _ => throw new CryptographicException($"the card bridge does not sign {hash.Name} digests"),
    };
}
