using System.Buffers.Text;
using System.Text;

namespace Laobao.Client;

/// <summary>The exact texts a device signs (SPEC §6, §7) and the base64url form of keys and signatures.</summary>
public static class DeviceProof
{
    public static string LinkText(string ticket) => "laobao:device-link:v1\nticket=" + ticket;

    public static string LoginText(string nonce, Guid deviceId) =>
        "laobao:device-login:v1\nnonce=" + nonce + "\ndevice=" + deviceId.ToString("D");

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string ToBase64Url(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    /// <summary>Decodes base64url without padding; null for anything else, so bad input is one clear refusal.</summary>
    public static byte[]? FromBase64Url(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 4096 || !Base64Url.IsValid(text.AsSpan()))
        {
            return null;
        }

        try
        {
            return Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
