namespace Laobao.Ops.Tests.Identity;

public sealed class IdCommandTests
{
    [Theory]
    [InlineData("A123456789", "A123456789: national ID")]
    [InlineData("B222222228", "B222222228: national ID")]
    [InlineData("A800000014", "A800000014: resident UI number (new format)")]
    [InlineData("AC12345679", "AC12345679: ARC number (old format)")]
    [InlineData("Ａ１２３４５６７８９", "A123456789: national ID")]
    [InlineData(" a123456789 ", "A123456789: national ID")]
    public async Task Valid_number_prints_its_kind_and_exits_0(string number, string line)
    {
        var run = await OpsRun.RunAsync("id", number);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(line + Environment.NewLine, run.Output);
        Assert.Equal(string.Empty, run.Error);
    }

    [Theory]
    [InlineData("A12345678", "laobao id: ID number must be 10 characters; got 9")]
    [InlineData("A323456789", "laobao id: ID number has the wrong pattern: the second character must be 1 or 2 (national ID), 8 or 9 (resident UI number) or A–D (old ARC number); got '3'")]
    [InlineData("A123456780", "laobao id: checksum digit is wrong: the last digit does not match the first nine characters; check the number for a typing mistake")]
    [InlineData("Ａ１２３４５６７８０", "laobao id: checksum digit is wrong: the last digit does not match the first nine characters; check the number for a typing mistake")]
    [InlineData("", "laobao id: ID number is empty")]
    public async Task Invalid_number_says_which_rule_failed_and_exits_1(string number, string line)
    {
        (await OpsRun.RunAsync("id", number)).AssertOneErrorLine(ExitCodes.Invalid, line);
    }

    [Fact]
    public async Task Missing_number_prints_the_usage_and_exits_2()
    {
        (await OpsRun.RunAsync("id")).AssertOneErrorLine(ExitCodes.Usage, "laobao id: missing NUMBER. Usage: laobao id NUMBER");
    }

    [Fact]
    public async Task Two_values_are_a_usage_error()
    {
        (await OpsRun.RunAsync("id", "A123", "456789")).AssertOneErrorLine(
            ExitCodes.Usage,
            "laobao id: expected one NUMBER; got 2 arguments (quote a value that contains spaces). Usage: laobao id NUMBER");
    }

    [Fact]
    public async Task Help_lists_both_verbs()
    {
        var run = await OpsRun.RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("laobao id NUMBER", run.Output, StringComparison.Ordinal);
        Assert.Contains("laobao date VALUE", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verb_help_prints_its_usage()
    {
        var run = await OpsRun.RunAsync("id", "--help");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.StartsWith("Usage: laobao id NUMBER", run.Output, StringComparison.Ordinal);
    }
}
