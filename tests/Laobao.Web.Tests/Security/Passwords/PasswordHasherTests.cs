using Laobao.Web.Security.Passwords;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Tests.Security.Passwords;

public sealed class PasswordHasherTests
{
    private static PasswordHasher Hasher(int memoryKiB = PasswordHashingOptions.MinimumMemoryKiB, int iterations = 2) =>
        new(Options.Create(new PasswordHashingOptions { MemoryKiB = memoryKiB, Iterations = iterations }));

    [Fact]
    public void Hash_is_a_self_describing_argon2id_string_with_its_parameters()
    {
        var encoded = Hasher().Hash("correct horse battery staple");

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", encoded, StringComparison.Ordinal);
        Assert.True(PasswordHash.TryParse(encoded, out var parsed));
        Assert.Equal(19456, parsed.MemoryKiB);
        Assert.Equal(2, parsed.Iterations);
        Assert.Equal(PasswordHasher.SaltBytes, parsed.Salt.Length);
        Assert.Equal(PasswordHasher.HashBytes, parsed.Hash.Length);
    }

    [Fact]
    public void The_right_password_matches_and_a_wrong_one_does_not()
    {
        var hasher = Hasher();
        var encoded = hasher.Hash("correct horse battery staple");

        Assert.Equal(PasswordCheck.Match, hasher.Verify("correct horse battery staple", encoded));
        Assert.Equal(PasswordCheck.Mismatch, hasher.Verify("correct horse battery stapler", encoded));
        Assert.Equal(PasswordCheck.Mismatch, hasher.Verify("", encoded));
    }

    [Fact]
    public void Same_password_gets_a_new_salt_each_time()
    {
        var hasher = Hasher();
        Assert.NotEqual(hasher.Hash("correct horse battery staple"), hasher.Hash("correct horse battery staple"));
    }

    [Fact]
    public void A_hash_made_with_older_parameters_still_matches_and_asks_for_a_rehash()
    {
        var old = Hasher(iterations: 2).Hash("correct horse battery staple");
        var raised = Hasher(memoryKiB: 24 * 1024, iterations: 3);

        Assert.Equal(PasswordCheck.MatchNeedsRehash, raised.Verify("correct horse battery staple", old));
        var renewed = raised.Hash("correct horse battery staple");
        Assert.StartsWith("$argon2id$v=19$m=24576,t=3,p=1$", renewed, StringComparison.Ordinal);
        Assert.Equal(PasswordCheck.Match, raised.Verify("correct horse battery staple", renewed));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a hash")]
    [InlineData("$argon2i$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=16$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=4$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$!!!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void WhenStoredHashIsMalformedOrTamperedThenNothingMatches(string stored)
    {
        Assert.Equal(PasswordCheck.Mismatch, Hasher().Verify("correct horse battery staple", stored));
    }

    [Fact]
    public void Parameters_below_the_spec_minimum_are_refused_by_configuration()
    {
        var tooCheap = new PasswordHashingOptions { MemoryKiB = 8 * 1024, Iterations = 1 };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(
            tooCheap, new System.ComponentModel.DataAnnotations.ValidationContext(tooCheap), results, validateAllProperties: true));
        Assert.Equal(2, results.Count);
    }
}
