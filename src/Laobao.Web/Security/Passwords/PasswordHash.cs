using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Laobao.Web.Security.Passwords;

/// <summary>
/// A stored password hash in the PHC string format, <c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>
/// (unpadded base64), so each hash carries the parameters it was made with and can be checked after they rise.
/// </summary>
public sealed record PasswordHash(int MemoryKiB, int Iterations, int Parallelism, byte[] Salt, byte[] Hash)
{
    public const string Algorithm = "argon2id";

    // Argon2 version 1.3 (0x13), the only one libsodium makes.
    public const int Version = 19;

    public string Encode() =>
        string.Create(CultureInfo.InvariantCulture, $"${Algorithm}$v={Version}$m={MemoryKiB},t={Iterations},p={Parallelism}${ToBase64(Salt)}${ToBase64(Hash)}");

    public static bool TryParse(string? encoded, [NotNullWhen(true)] out PasswordHash? hash)
    {
        hash = null;
        var parts = encoded?.Split('$');
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts is not { Length: 6 } || parts[0].Length != 0 || parts[1] != Algorithm || parts[2] != "v=" + Version.ToString(CultureInfo.InvariantCulture))
        {
            return false;
        }

        var settings = parts[3].Split(',');
        if (settings.Length != 3
            || !TryReadSetting(settings[0], "m=", out var memory)
            || !TryReadSetting(settings[1], "t=", out var iterations)
            || !TryReadSetting(settings[2], "p=", out var parallelism)
            || !TryFromBase64(parts[4], out var salt)
            || !TryFromBase64(parts[5], out var digest))
        {
            return false;
        }

        hash = new PasswordHash(memory, iterations, parallelism, salt, digest);
        return true;
    }

    private static bool TryReadSetting(string text, string prefix, out int value)
    {
        value = 0;
        return text.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value > 0;
    }

    private static string ToBase64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryFromBase64(string text, out byte[] bytes)
    {
        var padded = text.Length % 4 == 0 ? text : text + new string('=', 4 - text.Length % 4);
        bytes = new byte[padded.Length * 3 / 4];
        if (text.Length == 0 || !Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = [];
            return false;
        }

        bytes = bytes[..written];
        return true;
    }
}
