using Laobao.App.Device;

namespace Laobao.App.Tests.Device;

public sealed class LinkCodeTests
{
    private static readonly Uri AppBase = new("https://laobao.example/app/");

    [Theory]
    [InlineData("BCDF-GHJK", "BCDF-GHJK")]
    [InlineData("bcdfghjk", "BCDF-GHJK")]
    [InlineData(" bcdf ghjk ", "BCDF-GHJK")]
    [InlineData("ＢＣＤＦ－ｇｈｊｋ", "BCDF-GHJK")]
    [InlineData("ABCD-EFGH", null)]
    [InlineData("BCDF-GHJ", null)]
    [InlineData("BCDF-GHJKL", null)]
    [InlineData("", null)]
    public void Manual_code_is_eight_consonants_shown_as_two_groups_of_four(string input, string? expected)
    {
        var ok = LinkCode.TryParseManual(input, out var code);
        Assert.Equal(expected is not null, ok);
        if (expected is not null)
        {
            Assert.Equal(expected, code);
        }
    }

    [Fact]
    public void The_ticket_of_a_qr_of_this_app_is_read_from_the_fragment()
    {
        Assert.True(LinkCode.TryParseAppUrl("https://laobao.example/app/#link=AbCdEfGhIjKlMnOpQrStUw", AppBase, out var ticket));
        Assert.Equal("AbCdEfGhIjKlMnOpQrStUw", ticket);
    }

    [Theory]
    [InlineData("https://evil.example/app/#link=AbCdEfGhIjKlMnOpQrStUw")]
    [InlineData("http://laobao.example:8080/app/#link=AbCdEfGhIjKlMnOpQrStUw")]
    [InlineData("https://laobao.example/desk/#link=AbCdEfGhIjKlMnOpQrStUw")]
    [InlineData("https://laobao.example/app/#link=short")]
    [InlineData("https://laobao.example/app/#link=has%20space%20inside%20it")]
    [InlineData("https://laobao.example/app/")]
    [InlineData("BCDF-GHJK")]
    public void A_qr_of_another_site_or_without_a_ticket_is_refused(string text) =>
        Assert.False(LinkCode.TryParseAppUrl(text, AppBase, out _));
}
