using System.Security.Cryptography;

namespace Laobao.Pkcs11;

/// <summary>
/// An RSA key whose private half stays on a PKCS#11 token (the citizen's card in the card bridge, the statements
/// signing token on the e-desk): <see cref="SignHash"/> builds the DigestInfo and hands it to the token
/// (CKM_RSA_PKCS), so SignedCms and RSA.SignData work with a token key like with any other; verification and the
/// public parameters come from the certificate. Compiled into both users as linked source.
/// </summary>
internal abstract class TokenRsa : RSA
{
    private readonly RSAParameters publicParameters;
    private readonly string tokenName;

    /// <param name="publicParameters">The public half, from the token's certificate.</param>
    /// <param name="tokenName">What the token is called in error messages ("the card", "the statements token").</param>
    protected TokenRsa(RSAParameters publicParameters, string tokenName)
    {
        this.publicParameters = publicParameters;
        this.tokenName = tokenName;
        var bits = publicParameters.Modulus!.Length * 8;
        LegalKeySizesValue = [new KeySizes(bits, bits, 0)];
        KeySizeValue = bits;
    }

    /// <summary>Signs a DER DigestInfo on the token with CKM_RSA_PKCS.</summary>
    protected abstract byte[] SignDigestInfo(byte[] digestInfo);

    public sealed override byte[] SignHash(byte[] hash, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
    {
        ArgumentNullException.ThrowIfNull(hash);
        if (padding != RSASignaturePadding.Pkcs1)
        {
            throw new CryptographicException($"{tokenName} signs with PKCS#1 v1.5 padding only");
        }

        return SignDigestInfo([.. DigestInfoPrefix(hashAlgorithm), .. hash]);
    }

    public sealed override bool VerifyHash(byte[] hash, byte[] signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
    {
        using var verifier = Create(publicParameters);
        return verifier.VerifyHash(hash, signature, hashAlgorithm, padding);
    }

    public sealed override RSAParameters ExportParameters(bool includePrivateParameters) =>
        includePrivateParameters ? throw new CryptographicException($"the private key never leaves {tokenName}") : publicParameters;

    public sealed override void ImportParameters(RSAParameters parameters) =>
        throw new NotSupportedException($"a key on {tokenName} cannot be replaced");

    // DER prefixes of DigestInfo (RFC 8017 §9.2, note 1).
    private byte[] DigestInfoPrefix(HashAlgorithmName hash) => hash.Name switch
    {
        "SHA256" => [0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20],
        "SHA384" => [0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30],
        "SHA512" => [0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40],
        _ => throw new CryptographicException($"{tokenName} does not sign {hash.Name} digests"),
    };
}
