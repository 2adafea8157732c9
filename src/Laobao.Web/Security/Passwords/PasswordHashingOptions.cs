using System.ComponentModel.DataAnnotations;

namespace Laobao.Web.Security.Passwords;

/// <summary>
/// Section <c>Passwords</c>: the Argon2id cost for new hashes. Raising these later is safe: every stored hash
/// names its own parameters, and a sign-in with older ones rehashes (SPEC §5: m ≥ 19 MiB, t ≥ 2).
/// </summary>
public sealed class PasswordHashingOptions
{
    public const string Section = "Passwords";

    public const int MinimumMemoryKiB = 19 * 1024;

    public const int MinimumIterations = 2;

    /// <summary>Memory per hash in KiB (19456 = 19 MiB, the OWASP minimum for Argon2id).</summary>
    [Range(MinimumMemoryKiB, 4 * 1024 * 1024)]
    public int MemoryKiB { get; init; } = MinimumMemoryKiB;

    /// <summary>Passes over the memory.</summary>
    [Range(MinimumIterations, 64)]
    public int Iterations { get; init; } = MinimumIterations;
}
