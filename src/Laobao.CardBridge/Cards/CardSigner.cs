using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Laobao.CardBridge.Protocol;

namespace Laobao.CardBridge.Cards;

/// <summary>Turns a <see cref="SignRequest"/> into the signature HiPKI returns: CMS SignedData or bare PKCS#1.</summary>
public sealed class CardSigner(ICardBackend backend, TimeProvider time)
{
    public CardSignature Sign(SignRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return backend.Sign(request.SlotDescription, request.Pin, (certificate, key) => request.Kind switch
        {
            SignatureKind.Pkcs1 => key.SignData(request.Content, request.Hash, RSASignaturePadding.Pkcs1),
            _ => Cms(request.Content, request.Hash, certificate, key),
        });
    }

    private byte[] Cms(byte[] content, HashAlgorithmName hash, X509Certificate2 certificate, RSA key)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate, key)
        {
            DigestAlgorithm = new Oid(DigestOid(hash)),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.SignedAttributes.Add(new Pkcs9SigningTime(time.GetUtcNow().UtcDateTime));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    private static string DigestOid(HashAlgorithmName hash) => hash.Name switch
    {
        "SHA384" => "2.16.840.1.101.3.4.2.2",
        "SHA512" => "2.16.840.1.101.3.4.2.3",
        _ => "2.16.840.1.101.3.4.2.1",
    };
}
