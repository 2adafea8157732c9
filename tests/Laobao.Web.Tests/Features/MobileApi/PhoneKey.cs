using System.Security.Cryptography;
using Laobao.Client;

namespace Laobao.Web.Tests.Features.MobileApi;

/// <summary>A .NET ECDSA P-256 key standing in for the phone's WebCrypto key: SPKI and IEEE P1363 signatures, base64url.</summary>
public static class PhoneKey
{
    public static string PublicKey(ECDsa key) => DeviceProof.ToBase64Url(key.ExportSubjectPublicKeyInfo());

    public static string Sign(ECDsa key, string text) =>
        DeviceProof.ToBase64Url(key.SignData(DeviceProof.Utf8(text), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
}
