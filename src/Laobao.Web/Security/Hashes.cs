using System.Security.Cryptography;
using System.Text;

namespace Laobao.Web.Security;

internal static class Hashes
{
    /// <summary>Lower-case hex SHA-256 of the UTF-8 text: how secrets and lookup keys are stored.</summary>
    public static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
