using Laobao.Domain.Identity;

namespace Laobao.Domain.Tests.Identity;

public sealed class TaiwanIdTests
{
    [Theory]
    [InlineData("A123456789", IdNumberKind.NationalId)]
    [InlineData("B222222228", IdNumberKind.NationalId)]
    [InlineData("A800000014", IdNumberKind.ResidentNew)]
    [InlineData("AC12345679", IdNumberKind.ArcOld)]
    public void Spec_examples_are_valid_and_of_their_kind(string input, IdNumberKind kind)
    {
        Assert.True(TaiwanId.TryParse(input, out var id, out var error), error?.Message);
        Assert.Equal(input, id.Value);
        Assert.Equal(kind, id.Kind);
    }

    [Theory]
    [InlineData(" a123456789 ")]
    [InlineData("Ａ１２３４５６７８９")]
    [InlineData("ａ１２３４５６７８９")]
    [InlineData("A123 456 789")]
    [InlineData("\u3000A123456789\t")]
    public void Input_is_trimmed_folded_to_ascii_and_upper_cased(string input)
    {
        Assert.True(TaiwanId.TryParse(input, out var id, out var error), error?.Message);
        Assert.Equal("A123456789", id.Value);
    }

    [Fact]
    public void Full_width_old_arc_number_is_recognised()
    {
        Assert.Equal(new TaiwanId("AC12345679", IdNumberKind.ArcOld), TaiwanId.Parse("ａｃ１２３４５６７９"));
    }

    [Fact]
    public void Normalize_handles_null_and_full_width()
    {
        Assert.Equal(string.Empty, TaiwanId.Normalize(null));
        Assert.Equal("A123456789", TaiwanId.Normalize(" Ａ１２３４５６７８９ "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void Empty_input_breaks_the_empty_rule(string? input)
    {
        Assert.False(TaiwanId.TryParse(input, out _, out var error));
        Assert.Equal(IdNumberRule.Empty, error.Rule);
        Assert.Equal("ID number is empty", error.Message);
    }

    [Theory]
    [InlineData("A12345678", "ID number must be 10 characters; got 9")]
    [InlineData("A1234567890", "ID number must be 10 characters; got 11")]
    [InlineData("A", "ID number must be 10 characters; got 1")]
    public void Wrong_length_is_named(string input, string message)
    {
        Assert.False(TaiwanId.TryParse(input, out _, out var error));
        Assert.Equal(IdNumberRule.Length, error.Rule);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("1123456789", "the first character must be a letter A–Z; got '1'")]
    [InlineData("A323456789", "the second character must be 1 or 2 (national ID), 8 or 9 (resident UI number) or A–D (old ARC number); got '3'")]
    [InlineData("AE12345678", "the second character must be 1 or 2 (national ID), 8 or 9 (resident UI number) or A–D (old ARC number); got 'E'")]
    [InlineData("A12345678X", "characters 3 to 10 must be digits; character 10 is 'X'")]
    [InlineData("AC1234567D", "characters 3 to 10 must be digits; character 10 is 'D'")]
    [InlineData("É123456789", "the first character must be a letter A–Z; got 'É'")]
    public void Wrong_pattern_is_named(string input, string detail)
    {
        Assert.False(TaiwanId.TryParse(input, out _, out var error));
        Assert.Equal(IdNumberRule.Pattern, error.Rule);
        Assert.Equal("ID number has the wrong pattern: " + detail, error.Message);
    }

    [Theory]
    [InlineData("A123456780")]
    [InlineData("B222222229")]
    [InlineData("A800000015")]
    [InlineData("AC12345678")]
    [InlineData("A223456789")]
    public void Wrong_check_digit_breaks_the_checksum_rule(string input)
    {
        Assert.False(TaiwanId.TryParse(input, out _, out var error));
        Assert.Equal(IdNumberRule.Checksum, error.Rule);
        Assert.StartsWith("checksum digit is wrong: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_throws_a_format_exception_with_the_rule_message()
    {
        var e = Assert.Throws<FormatException>(() => TaiwanId.Parse("A12345678"));
        Assert.Equal("ID number must be 10 characters; got 9", e.Message);
    }

    [Fact]
    public void Masked_and_last_four_show_only_what_may_be_shown()
    {
        var id = TaiwanId.Parse("A123456789");
        Assert.Equal("A12****789", id.Masked);
        Assert.Equal("6789", id.LastFour);
    }

    [Fact]
    public void ToString_is_masked_so_a_log_line_never_holds_the_number()
    {
        var id = TaiwanId.Parse("AC12345679");
        Assert.Equal("AC1****679", id.ToString());
        Assert.Equal("id AC1****679", $"id {id}");
    }

    [Fact]
    public void Default_value_masks_to_empty_instead_of_throwing()
    {
        TaiwanId id = default;
        Assert.Equal(string.Empty, id.Masked);
        Assert.Equal(string.Empty, id.LastFour);
    }
}
