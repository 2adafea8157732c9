using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Laobao.Domain.Identity;

namespace Laobao.Domain.Tests.Identity;

public sealed class TaiwanIdCheckDigitProperties
{
    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string SecondCharacters = "1289ABCD";

    /// <summary>Any valid first nine characters: a letter, a kind's second character, seven digits.</summary>
    private static Arbitrary<string> FirstNine() =>
        Gen.Elements(Letters.ToCharArray())
            .SelectMany(_ => Gen.Elements(SecondCharacters.ToCharArray()), (letter, second) => (letter, second))
            .SelectMany(
                _ => Gen.ArrayOf(Gen.Choose(0, 9), 7),
                (head, digits) => string.Concat(head.letter.ToString(), head.second.ToString(), string.Concat(digits)))
            .ToArbitrary();

    [Property(MaxTest = 2000)]
    public Property Exactly_one_final_digit_makes_a_number_valid() =>
        Prop.ForAll(FirstNine(), firstNine => ValidCheckDigits(firstNine).Count == 1);

    [Property(MaxTest = 500)]
    public Property Every_other_final_digit_is_refused_by_the_checksum_rule() =>
        Prop.ForAll(FirstNine(), firstNine =>
        {
            var valid = ValidCheckDigits(firstNine).Single();
            return Enumerable.Range(0, 10).Where(d => d != valid).All(d =>
                !TaiwanId.TryParse(firstNine + d, out _, out var error) && error.Rule == IdNumberRule.Checksum);
        });

    [Fact]
    public void Every_letter_and_second_character_has_exactly_one_check_digit()
    {
        foreach (var letter in Letters)
        {
            foreach (var second in SecondCharacters)
            {
                var firstNine = $"{letter}{second}1234567";
                Assert.Single(ValidCheckDigits(firstNine));
            }
        }
    }

    [Theory]
    [InlineData('1', IdNumberKind.NationalId)]
    [InlineData('2', IdNumberKind.NationalId)]
    [InlineData('8', IdNumberKind.ResidentNew)]
    [InlineData('9', IdNumberKind.ResidentNew)]
    [InlineData('A', IdNumberKind.ArcOld)]
    [InlineData('D', IdNumberKind.ArcOld)]
    public void The_second_character_decides_the_kind(char second, IdNumberKind kind)
    {
        var firstNine = $"Z{second}7654321";
        var digit = ValidCheckDigits(firstNine).Single();
        Assert.Equal(kind, TaiwanId.Parse(firstNine + digit).Kind);
    }

    private static List<int> ValidCheckDigits(string firstNine) =>
        [.. Enumerable.Range(0, 10).Where(d => TaiwanId.TryParse(firstNine + d, out _, out _))];
}
