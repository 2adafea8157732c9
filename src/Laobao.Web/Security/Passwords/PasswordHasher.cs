using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace Laobao.Web.Security.Passwords;

public enum PasswordCheck
{
    Mismatch,
    Match,

    /// <summary>Correct, but made with weaker parameters than today's: store <see cref="PasswordHasher.Hash"/> anew.</summary>
    MatchNeedsRehash,
}

/// <summary>
/// Argon2id through libsodium (NSec) over the UTF-8 bytes of the password. The host runs with invariant
/// globalization (no ICU), so Unicode normalisation is done where the password is typed: the e-desk script
/// sends it in NFC (docs/mobile-account.md).
/// </summary>
public sealed class PasswordHasher(IOptions<PasswordHashingOptions> options)
{
    public const int SaltBytes = 16;
    public const int HashBytes = 32;

    // libsodium's Argon2id runs one lane; p is written down for the PHC format and checked on read.
    private const int Parallelism = 1;

    private readonly PasswordHashingOptions current = options.Value;

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var digest = Derive(password, salt, current.MemoryKiB, current.Iterations, HashBytes);
        return new PasswordHash(current.MemoryKiB, current.Iterations, Parallelism, salt, digest).Encode();
    }

    public PasswordCheck Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!PasswordHash.TryParse(stored, out var hash)
            || hash.Parallelism != Parallelism
            || hash.Salt.Length != SaltBytes
            || hash.Hash.Length is < 16 or > 64
            || hash.MemoryKiB < PasswordHashingOptions.MinimumMemoryKiB / 2 // refuses a tampered, trivially cheap hash
            || hash.Iterations < 1)
        {
            return PasswordCheck.Mismatch;
        }

        var candidate = Derive(password, hash.Salt, hash.MemoryKiB, hash.Iterations, hash.Hash.Length);
        if (!CryptographicOperations.FixedTimeEquals(candidate, hash.Hash))
        {
            return PasswordCheck.Mismatch;
        }

        return hash.MemoryKiB < current.MemoryKiB || hash.Iterations < current.Iterations || hash.Hash.Length != HashBytes
            ? PasswordCheck.MatchNeedsRehash
            : PasswordCheck.Match;
    }

    private static byte[] Derive(string password, byte[] salt, int memoryKiB, int iterations, int length)
    {
        var algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = Parallelism,
            MemorySize = memoryKiB,
            NumberOfPasses = iterations,
        });
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            return algorithm.DeriveBytes(bytes, salt, length);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
