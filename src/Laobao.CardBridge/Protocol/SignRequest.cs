using System.Text;
using System.Text.Json;
using Laobao.CardBridge.Cards;

namespace Laobao.CardBridge.Protocol;

public enum SignatureKind
{
    /// <summary>CMS SignedData with the content attached and the signer certificate included.</summary>
    Pkcs7,

    /// <summary>The bare RSA PKCS#1 v1.5 signature.</summary>
    Pkcs1,
}

/// <summary>The <c>tbsPackage</c> of <c>POST /sign</c>, checked field by field.</summary>
public sealed record SignRequest(
    SignatureKind Kind,
    byte[] Content,
    System.Security.Cryptography.HashAlgorithmName Hash,
    string Pin,
    bool WithCardSerialNumber,
    string? SlotDescription)
{
    // HiPKI pages send small texts; a bound keeps a hostile page from making the card sign megabytes.
    private const int MaxContentBytes = 64 * 1024;

    /// <summary>Parses the JSON text; a bad field becomes a <see cref="CardException"/> with its HiPKI code.</summary>
    public static SignRequest Parse(string? tbsPackage)
    {
        if (string.IsNullOrWhiteSpace(tbsPackage))
        {
            throw new CardException(HiPkiRetCodes.BadParameter, "the form field tbsPackage is missing");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(tbsPackage);
        }
        catch (JsonException)
        {
            throw new CardException(HiPkiRetCodes.BadJson, "tbsPackage is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CardException(HiPkiRetCodes.BadJson, "tbsPackage is not a JSON object");
            }

            var func = Text(root, "func");
            if (func is not null && func != "MakeSignature")
            {
                throw new CardException(HiPkiRetCodes.UnsupportedMethod, $"func '{func}' is not MakeSignature");
            }

            var kind = (Text(root, "signatureType") ?? "PKCS7").ToUpperInvariant() switch
            {
                "PKCS7" => SignatureKind.Pkcs7,
                "PKCS1" => SignatureKind.Pkcs1,
                _ => throw new CardException(HiPkiRetCodes.BadSignatureType, "signatureType must be PKCS7 or PKCS1"),
            };

            var hash = (Text(root, "hashAlgorithm") ?? "SHA256").ToUpperInvariant().Replace("-", string.Empty, StringComparison.Ordinal) switch
            {
                "SHA256" => System.Security.Cryptography.HashAlgorithmName.SHA256,
                "SHA384" => System.Security.Cryptography.HashAlgorithmName.SHA384,
                "SHA512" => System.Security.Cryptography.HashAlgorithmName.SHA512,
                _ => throw new CardException(HiPkiRetCodes.BadParameter, "hashAlgorithm must be SHA256, SHA384 or SHA512"),
            };

            var tbs = Text(root, "tbs");
            if (string.IsNullOrEmpty(tbs))
            {
                throw new CardException(HiPkiRetCodes.NoTbs, "tbs is missing");
            }

            var content = (Text(root, "tbsEncoding") ?? "NONE").ToUpperInvariant() switch
            {
                "NONE" => Encoding.UTF8.GetBytes(tbs),
                "BASE64" => FromBase64(tbs),
                _ => throw new CardException(HiPkiRetCodes.BadParameter, "tbsEncoding must be NONE or base64"),
            };
            if (content.Length > MaxContentBytes)
            {
                throw new CardException(HiPkiRetCodes.BadParameter, "tbs is longer than 64 KiB");
            }

            var pin = Text(root, "pin");
            if (string.IsNullOrEmpty(pin))
            {
                throw new CardException(HiPkiRetCodes.NoPin, "pin is missing");
            }

            // MOICA card PINs are 6 to 8 letters and digits; a full-width form typed on a Chinese keyboard is the same PIN.
            pin = FoldWidth(pin);
            if (pin.Length is < 6 or > 8 || !pin.All(char.IsAsciiLetterOrDigit))
            {
                throw new CardException(HiPkiRetCodes.LoginFailed, HiPkiRetCodes.PinLengthWrong, "a card PIN is 6 to 8 letters and digits");
            }

            var slot = Text(root, "slotDescription");
            return new SignRequest(kind, content, hash, pin, Flag(root, "withCardSN"), string.IsNullOrWhiteSpace(slot) ? null : slot);
        }
    }

    /// <summary>
    /// NFKC for the characters a PIN can hold: the bridge runs without ICU (InvariantGlobalization), where
    /// <see cref="string.Normalize(NormalizationForm)"/> leaves full-width forms (U+FF01–U+FF5E) as they are.
    /// </summary>
    internal static string FoldWidth(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            folded.Append(c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c);
        }

        return folded.ToString();
    }

    // The PIN must never reach a log line, not even through the record's generated ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Kind = ").Append(Kind).Append(", ContentLength = ").Append(Content.Length)
            .Append(", Hash = ").Append(Hash.Name).Append(", SlotDescription = ").Append(SlotDescription);
        return true;
    }

    private static byte[] FromBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new CardException(HiPkiRetCodes.Base64DecodeFailed, "tbs is not base64 although tbsEncoding says so");
        }
    }

    private static string? Text(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new CardException(HiPkiRetCodes.BadParameter, $"{name} must be a string");
    }

    private static bool Flag(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && (value.ValueKind == JsonValueKind.True
            || (value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), "true", StringComparison.OrdinalIgnoreCase)));
}
