using Laobao.Web.Localization;
using Laobao.Web.Security.Passwords;

namespace Laobao.Web.Tests.Security.Passwords;

public sealed class PasswordPolicyTests
{
    private static readonly string[] Person = ["王小明", "A123456789", "xiaoming.wang@example.tw"];

    [Theory]
    [InlineData("", PasswordProblems.Empty)]
    [InlineData("short pass", PasswordProblems.TooShort)]
    [InlineData("elevenchars", PasswordProblems.TooShort)]
    public void WhenTooShortThenRefusedWithTheLengthRule(string password, string expected) =>
        Assert.Equal(expected, PasswordPolicy.Check(password, Person));

    [Fact]
    public void WhenLongerThan128CharactersThenRefused()
    {
        var password = string.Concat(Enumerable.Repeat("river lantern ", 10));
        Assert.Equal(PasswordProblems.TooLong, PasswordPolicy.Check(password, Person));
        Assert.Null(PasswordPolicy.Check(password[..128], Person));
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("qwertyuiop123")]
    [InlineData("iloveyou1234")]
    [InlineData("passwordpassword")]
    public void WhenCommonThenRefusedAsCommon(string password) =>
        Assert.Equal(PasswordProblems.Common, PasswordPolicy.Check(password, Person));

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("123456789012")]
    [InlineData("abcdefghijkl")]
    [InlineData("qazwsxedcrfv")]
    public void WhenGuessableThenRefusedAsWeakOrCommon(string password) =>
        Assert.Contains(PasswordPolicy.Check(password, Person), new[] { PasswordProblems.Weak, PasswordProblems.Common });

    [Theory]
    [InlineData("xiaoming.wang2024")]
    [InlineData("A123456789abc")]
    public void WhenBuiltOnTheEmailOrIdThenRefusedAsPersonal(string password) =>
        Assert.Equal(PasswordProblems.Personal, PasswordPolicy.Check(password, Person));

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("颱風天在家煮一鍋番茄牛肉麵")]
    [InlineData("Lantern-River-Mango-42")]
    public void Long_unusual_passphrases_of_any_script_pass_without_composition_rules(string password) =>
        Assert.Null(PasswordPolicy.Check(password, Person));

    [Fact]
    public void Length_counts_characters_not_bytes()
    {
        Assert.Equal(12, PasswordPolicy.Length("颱風天在家煮一鍋番茄牛肉"));
        Assert.Equal(PasswordProblems.TooShort, PasswordPolicy.Check("颱風天在家煮一鍋番茄牛", Person));
    }

    [Fact]
    public void Every_problem_has_a_helpful_sentence_in_both_languages()
    {
        foreach (var code in new[] { PasswordProblems.Empty, PasswordProblems.TooShort, PasswordProblems.TooLong, PasswordProblems.Common,
                     PasswordProblems.Personal, PasswordProblems.Weak, PasswordProblems.Mismatch })
        {
            Assert.False(string.IsNullOrWhiteSpace(CopyDeck.Text(code, UiLanguage.ZhTw)));
            Assert.False(string.IsNullOrWhiteSpace(CopyDeck.Text(code, UiLanguage.En)));
        }

        Assert.Contains("12", CopyDeck.Text(PasswordProblems.TooShort, UiLanguage.ZhTw), StringComparison.Ordinal);
        Assert.Contains("12", CopyDeck.Text(PasswordProblems.TooShort, UiLanguage.En), StringComparison.Ordinal);
    }
}
