using System.Security.Cryptography;
using Laobao.Client;
using Laobao.Web.Security.DeviceKeys;
using Laobao.Web.Tests.Features.MobileApi;

namespace Laobao.Web.Tests.Security.DeviceKeys;

public sealed class DeviceSignatureVerifierTests
{
    private const string Text = "laobao:device-link:v1\nticket=abc";

    [Fact]
    public void WhenP256KeySignsInP1363ThenSignatureVerifies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = DeviceSignatureVerifier.ParsePublicKey(PhoneKey.PublicKey(key));
        Assert.NotNull(spki);
        Assert.True(DeviceSignatureVerifier.Verify(spki, Text, PhoneKey.Sign(key, Text)));
    }

    [Fact]
    public void WhenAnotherKeySignedThenSignatureFails()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = DeviceSignatureVerifier.ParsePublicKey(PhoneKey.PublicKey(key))!;
        Assert.False(DeviceSignatureVerifier.Verify(spki, Text, PhoneKey.Sign(other, Text)));
    }

    [Fact]
    public void WhenTextDiffersThenSignatureFails()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = DeviceSignatureVerifier.ParsePublicKey(PhoneKey.PublicKey(key))!;
        Assert.False(DeviceSignatureVerifier.Verify(spki, Text + "x", PhoneKey.Sign(key, Text)));
    }

    [Fact]
    public void WhenSignatureIsDerEncodedThenItIsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = DeviceSignatureVerifier.ParsePublicKey(PhoneKey.PublicKey(key))!;
        var der = key.SignData(DeviceProof.Utf8(Text), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        Assert.False(DeviceSignatureVerifier.Verify(spki, Text, DeviceProof.ToBase64Url(der)));
    }

    [Fact]
    public void WhenKeyIsOnP384OrRsaOrJunkThenItIsRefused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa = RSA.Create(2048);
        Assert.Null(DeviceSignatureVerifier.ParsePublicKey(PhoneKey.PublicKey(p384)));
        Assert.Null(DeviceSignatureVerifier.ParsePublicKey(DeviceProof.ToBase64Url(rsa.ExportSubjectPublicKeyInfo())));
        Assert.Null(DeviceSignatureVerifier.ParsePublicKey("not+base64url/"));
        Assert.Null(DeviceSignatureVerifier.ParsePublicKey(DeviceProof.ToBase64Url(new byte[91])));
        Assert.Null(DeviceSignatureVerifier.ParsePublicKey(null));
    }

    [Fact]
    public void WhenSignatureIsNotBase64UrlOrWrongLengthThenItFails()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var spki = DeviceSignatureVerifier.ParsePublicKey(PhoneKey.PublicKey(key))!;
        Assert.False(DeviceSignatureVerifier.Verify(spki, Text, "!!"));
        Assert.False(DeviceSignatureVerifier.Verify(spki, Text, DeviceProof.ToBase64Url(new byte[63])));
        Assert.False(DeviceSignatureVerifier.Verify(spki, Text, null));
    }
}
