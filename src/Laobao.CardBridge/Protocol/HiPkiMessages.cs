using System.Text.Json.Serialization;

namespace Laobao.CardBridge.Protocol;

/// <summary>Answer of <c>GET /pkcs11info</c>, field names as HiPKI spells them (SPEC §4.1).</summary>
public sealed record Pkcs11InfoResponse(
    [property: JsonPropertyName("func")] string Func,
    [property: JsonPropertyName("ret_code")] int RetCode,
    [property: JsonPropertyName("last_error")] int LastError,
    [property: JsonPropertyName("serverVersion")] string ServerVersion,
    [property: JsonPropertyName("libraryDescription")] string LibraryDescription,
    [property: JsonPropertyName("libraryVersion")] string LibraryVersion,
    [property: JsonPropertyName("slots")] IReadOnlyList<SlotMessage> Slots,
    [property: JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null);

public sealed record SlotMessage(
    [property: JsonPropertyName("slotDescription")] string SlotDescription,
    [property: JsonPropertyName("slotID")] ulong SlotId,
    [property: JsonPropertyName("token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TokenMessage? Token);

public sealed record TokenMessage(
    [property: JsonPropertyName("serialNumber")] string SerialNumber,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("certs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CertificateMessage>? Certs);

public sealed record CertificateMessage(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("usage")] string Usage,
    [property: JsonPropertyName("certb64")] string CertB64,
    [property: JsonPropertyName("sn")] string SerialNumber,
    [property: JsonPropertyName("subjectDN")] string SubjectDn,
    [property: JsonPropertyName("issuerDN")] string IssuerDn,
    [property: JsonPropertyName("subjectID")] string SubjectId,
    [property: JsonPropertyName("notBefore")] string NotBefore,
    [property: JsonPropertyName("notAfter")] string NotAfter);

/// <summary>Answer of <c>POST /sign</c>.</summary>
public sealed record SignResponse(
    [property: JsonPropertyName("func")] string Func,
    [property: JsonPropertyName("ret_code")] int RetCode,
    [property: JsonPropertyName("last_error")] int LastError,
    [property: JsonPropertyName("signature")] string Signature,
    [property: JsonPropertyName("certb64")] string CertB64,
    [property: JsonPropertyName("cardSN")] string CardSerialNumber,
    [property: JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null);

[JsonSerializable(typeof(Pkcs11InfoResponse))]
[JsonSerializable(typeof(SignResponse))]
internal sealed partial class HiPkiJsonContext : JsonSerializerContext;
