using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Laobao.Tests.Passkeys;

/// <summary>
/// A WebAuthn authenticator in software (ECDSA P-256, attestation <c>none</c>), for tests and benchmarks that speak to
/// the server without a browser. It answers the server's options the way a browser and a platform authenticator do,
/// and can be told to misbehave the ways an attacker would: another origin or relying party, no user verification, a
/// counter going backwards, another person's user handle. CBOR is written with System.Formats.Cbor.
/// </summary>
public sealed class SoftwareAuthenticator : IDisposable
{
    private readonly ECDsa key;

    public SoftwareAuthenticator(byte[]? credentialId = null, ECDsa? sharedKey = null)
    {
        key = sharedKey ?? ECDsa.Create(ECCurve.NamedCurves.nistP256);
        CredentialId = credentialId ?? RandomNumberGenerator.GetBytes(32);
    }

    public byte[] CredentialId { get; }

    /// <summary>The user handle the server gave at registration; handed back at each sign-in.</summary>
    public byte[] UserHandle { get; private set; } = [];

    /// <summary>The signature counter; each assertion adds one before signing.</summary>
    public uint Counter { get; set; }

    public ECDsa Key => key;

    /// <summary>A copy holding the same private key and credential id (a cloned authenticator), counter chosen by the caller.</summary>
    public SoftwareAuthenticator Clone(uint counter)
    {
        var copy = ECDsa.Create(key.ExportParameters(includePrivateParameters: true));
        return new SoftwareAuthenticator(CredentialId, copy) { UserHandle = UserHandle, Counter = counter };
    }

    /// <summary>The <c>credential</c> JSON of a registration, answering the options JSON of the server.</summary>
    public JsonObject Register(JsonNode options, string origin, string? rpId = null, bool userVerified = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        var challenge = options["challenge"]!.GetValue<string>();
        rpId ??= options["rp"]!["id"]!.GetValue<string>();
        UserHandle = FromBase64Url(options["user"]!["id"]!.GetValue<string>());
        var clientData = ClientData("webauthn.create", challenge, origin);

        var authData = new List<byte>();
        authData.AddRange(SHA256.HashData(Encoding.UTF8.GetBytes(rpId)));
        authData.Add((byte)(0x01 | (userVerified ? 0x04 : 0) | 0x40));
        authData.AddRange(BigEndian(Counter));
        authData.AddRange(new byte[16]); // AAGUID: none given
        authData.Add((byte)(CredentialId.Length >> 8));
        authData.Add((byte)CredentialId.Length);
        authData.AddRange(CredentialId);
        authData.AddRange(CosePublicKey());

        var attestation = new CborWriter(CborConformanceMode.Ctap2Canonical);
        attestation.WriteStartMap(3);
        attestation.WriteTextString("fmt");
        attestation.WriteTextString("none");
        attestation.WriteTextString("attStmt");
        attestation.WriteStartMap(0);
        attestation.WriteEndMap();
        attestation.WriteTextString("authData");
        attestation.WriteByteString([.. authData]);
        attestation.WriteEndMap();

        return new JsonObject
        {
            ["id"] = ToBase64Url(CredentialId),
            ["rawId"] = ToBase64Url(CredentialId),
            ["type"] = "public-key",
            ["response"] = new JsonObject
            {
                ["attestationObject"] = ToBase64Url(attestation.Encode()),
                ["clientDataJSON"] = ToBase64Url(clientData),
            },
            ["clientExtensionResults"] = new JsonObject(),
        };
    }

    /// <summary>The public key as a COSE_Key (EC2, ES256, P-256), as the authenticator puts it in the attested credential data.</summary>
    public byte[] CosePublicKey()
    {
        var parameters = key.ExportParameters(false);
        var cose = new CborWriter(CborConformanceMode.Ctap2Canonical);
        cose.WriteStartMap(5);
        cose.WriteInt32(1);
        cose.WriteInt32(2); // kty: EC2
        cose.WriteInt32(3);
        cose.WriteInt32(-7); // alg: ES256
        cose.WriteInt32(-1);
        cose.WriteInt32(1); // crv: P-256
        cose.WriteInt32(-2);
        cose.WriteByteString(parameters.Q.X!);
        cose.WriteInt32(-3);
        cose.WriteByteString(parameters.Q.Y!);
        cose.WriteEndMap();
        return cose.Encode();
    }

    /// <summary>The <c>credential</c> JSON of a sign-in, answering the options JSON of the server.</summary>
    public JsonObject Assert(JsonNode options, string origin, string rpId, bool userVerified = true, byte[]? userHandle = null, string type = "webauthn.get")
    {
        ArgumentNullException.ThrowIfNull(options);
        var challenge = options["challenge"]!.GetValue<string>();
        var clientData = ClientData(type, challenge, origin);
        Counter++;
        var authData = new List<byte>();
        authData.AddRange(SHA256.HashData(Encoding.UTF8.GetBytes(rpId)));
        authData.Add((byte)(0x01 | (userVerified ? 0x04 : 0)));
        authData.AddRange(BigEndian(Counter));
        var signed = authData.Concat(SHA256.HashData(clientData)).ToArray();
        var signature = key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new JsonObject
        {
            ["id"] = ToBase64Url(CredentialId),
            ["rawId"] = ToBase64Url(CredentialId),
            ["type"] = "public-key",
            ["response"] = new JsonObject
            {
                ["authenticatorData"] = ToBase64Url([.. authData]),
                ["clientDataJSON"] = ToBase64Url(clientData),
                ["signature"] = ToBase64Url(signature),
                ["userHandle"] = ToBase64Url(userHandle ?? UserHandle),
            },
            ["clientExtensionResults"] = new JsonObject(),
        };
    }

    public void Dispose() => key.Dispose();

    private static byte[] ClientData(string type, string challenge, string origin) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["type"] = type,
            ["challenge"] = challenge,
            ["origin"] = origin,
            ["crossOrigin"] = false,
        });

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    public static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
