namespace Laobao.Ops.Tests.Dates;

public sealed class DateCommandTests
{
    [Theory]
    [InlineData("0600102", "1971-01-02")]
    [InlineData("1971-01-02", "0600102")]
    [InlineData("1130229", "2024-02-29")]
    [InlineData("2024-02-29", "1130229")]
    [InlineData("060/01/02", "1971-01-02")]
    [InlineData("060-01-02", "1971-01-02")]
    [InlineData("60/01/02", "1971-01-02")]
    [InlineData("1912-01-01", "0010101")]
    [InlineData("０６００１０２", "1971-01-02")]
    [InlineData("１９７１－０１－０２", "0600102")]
    public async Task Converts_both_ways_and_prints_only_the_value(string value, string converted)
    {
        var run = await OpsRun.RunAsync("date", value);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal(converted + Environment.NewLine, run.Output);
        Assert.Equal(string.Empty, run.Error);
    }

    [Theory]
    [InlineData("1120229", "laobao date: day 29 does not exist: ROC 112/02 (2023-02) has days 01 to 28")]
    [InlineData("0000101", "laobao date: ROC year 0 does not exist: ROC year 1 is 1912, and dates before 1912-01-01 have no ROC year")]
    [InlineData("600102", "laobao date: a compact ROC date has 7 digits YYYMMDD, with a leading zero below year 100 (0600102 is 1971-01-02); got 6 digits")]
    [InlineData("19710102", "laobao date: a compact ROC date has 7 digits YYYMMDD, with a leading zero below year 100 (0600102 is 1971-01-02); got 8 digits")]
    [InlineData("1911-12-31", "laobao date: 1911-12-31 is before 1912-01-01, the first day of ROC year 1")]
    [InlineData("2911-01-01", "laobao date: 2911-01-01 is after 2910-12-31, the last day of ROC year 999")]
    [InlineData("2023-02-29", "laobao date: 2023-02-29 is not a day of the Gregorian calendar (month 01 to 12, and a day that month has)")]
    [InlineData("tomorrow", "laobao date: not an ROC date: use YYYMMDD (0600102), YYY/MM/DD (060/01/02) or YYY-MM-DD (060-01-02)")]
    [InlineData("1971/01/02", "laobao date: the year has 4 digits, like a Gregorian year; an ROC year has at most 3 (ROC year = Gregorian year − 1911)")]
    public async Task Invalid_value_gets_one_clear_line_and_exits_1(string value, string line)
    {
        (await OpsRun.RunAsync("date", value)).AssertOneErrorLine(ExitCodes.Invalid, line);
    }

    [Fact]
    public async Task Missing_value_prints_the_usage_and_exits_2()
    {
        (await OpsRun.RunAsync("date")).AssertOneErrorLine(ExitCodes.Usage, "laobao date: missing VALUE. Usage: laobao date VALUE");
    }

    [Fact]
    public async Task Output_feeds_back_into_the_command()
    {
        var there = await OpsRun.RunAsync("date", "0600102");
        var back = await OpsRun.RunAsync("date", there.Output.Trim());

        Assert.Equal("0600102" + Environment.NewLine, back.Output);
    }
}
