using Laobao.Domain.Dates;

namespace Laobao.Domain.Tests.Dates;

public sealed class RocDateTests
{
    [Theory]
    [InlineData("0600102", 1971, 1, 2)]
    [InlineData("1130229", 2024, 2, 29)]
    [InlineData("060/01/02", 1971, 1, 2)]
    [InlineData("060-01-02", 1971, 1, 2)]
    [InlineData("60/01/02", 1971, 1, 2)]
    [InlineData("0010101", 1912, 1, 1)]
    [InlineData("001/01/01", 1912, 1, 1)]
    [InlineData("1/01/01", 1912, 1, 1)]
    [InlineData("113/2/29", 2024, 2, 29)]
    [InlineData(" 0600102 ", 1971, 1, 2)]
    [InlineData("０６００１０２", 1971, 1, 2)]
    [InlineData("０６０／０１／０２", 1971, 1, 2)]
    [InlineData("9991231", 2910, 12, 31)]
    public void Accepted_forms_parse_to_the_gregorian_day(string input, int year, int month, int day)
    {
        Assert.True(RocDate.TryParse(input, out var date, out var error), error?.Message);
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("0000101", "ROC year 0 does not exist: ROC year 1 is 1912, and dates before 1912-01-01 have no ROC year")]
    [InlineData("000/12/31", "ROC year 0 does not exist: ROC year 1 is 1912, and dates before 1912-01-01 have no ROC year")]
    [InlineData("1120229", "day 29 does not exist: ROC 112/02 (2023-02) has days 01 to 28")]
    [InlineData("0600431", "day 31 does not exist: ROC 060/04 (1971-04) has days 01 to 30")]
    [InlineData("0600100", "day 00 does not exist: ROC 060/01 (1971-01) has days 01 to 31")]
    [InlineData("0601301", "month must be 01 to 12; got 13")]
    [InlineData("060/00/01", "month must be 01 to 12; got 00")]
    [InlineData("600102", "a compact ROC date has 7 digits YYYMMDD, with a leading zero below year 100 (0600102 is 1971-01-02); got 6 digits")]
    [InlineData("19710102", "a compact ROC date has 7 digits YYYMMDD, with a leading zero below year 100 (0600102 is 1971-01-02); got 8 digits")]
    [InlineData("1971/01/02", "the year has 4 digits, like a Gregorian year; an ROC year has at most 3 (ROC year = Gregorian year − 1911)")]
    [InlineData("1971-01-02", "the year has 4 digits, like a Gregorian year; an ROC year has at most 3 (ROC year = Gregorian year − 1911)")]
    [InlineData("", "date is empty; use YYYMMDD (0600102), YYY/MM/DD (060/01/02) or YYY-MM-DD (060-01-02)")]
    [InlineData(null, "date is empty; use YYYMMDD (0600102), YYY/MM/DD (060/01/02) or YYY-MM-DD (060-01-02)")]
    [InlineData("yesterday", "not an ROC date: use YYYMMDD (0600102), YYY/MM/DD (060/01/02) or YYY-MM-DD (060-01-02)")]
    [InlineData("060/01-02", "not an ROC date: use YYYMMDD (0600102), YYY/MM/DD (060/01/02) or YYY-MM-DD (060-01-02)")]
    [InlineData("060/01/02/03", "not an ROC date: use YYYMMDD (0600102), YYY/MM/DD (060/01/02) or YYY-MM-DD (060-01-02)")]
    [InlineData("-1/01/01", "not an ROC date: use YYYMMDD (0600102), YYY/MM/DD (060/01/02) or YYY-MM-DD (060-01-02)")]
    [InlineData("060/001/02", "month and day have at most 2 digits: use YYYMMDD (0600102), YYY/MM/DD (060/01/02) or YYY-MM-DD (060-01-02)")]
    public void Refused_input_gets_one_clear_message(string? input, string message)
    {
        Assert.False(RocDate.TryParse(input, out _, out var error));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Formats_in_both_calendars()
    {
        var date = new DateOnly(1971, 1, 2);
        Assert.Equal("0600102", RocDate.ToCompact(date));
        Assert.Equal("060/01/02", RocDate.ToSlashed(date));
        Assert.Equal("060/01/02 (1971-01-02)", RocDate.FormatBoth(date));
        Assert.Equal(60, RocDate.RocYear(date));
        Assert.Equal("1130229", RocDate.ToCompact(new DateOnly(2024, 2, 29)));
        Assert.Equal("1150101", RocDate.ToCompact(new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void Dates_outside_roc_years_1_to_999_cannot_be_formatted()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RocDate.RocYear(new DateOnly(1911, 12, 31)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RocDate.ToCompact(new DateOnly(2911, 1, 1)));
        Assert.Equal(1, RocDate.RocYear(RocDate.MinValue));
        Assert.Equal(999, RocDate.RocYear(RocDate.MaxValue));
    }

    [Fact]
    public void Every_day_from_1912_to_2200_round_trips_in_every_form()
    {
        var days = 0;
        for (var date = new DateOnly(1912, 1, 1); date <= new DateOnly(2200, 12, 31); date = date.AddDays(1))
        {
            var compact = RocDate.ToCompact(date);
            var slashed = RocDate.ToSlashed(date);
            Assert.True(RocDate.TryParse(compact, out var fromCompact, out _), compact);
            Assert.True(RocDate.TryParse(slashed, out var fromSlashed, out _), slashed);
            Assert.True(RocDate.TryParse(slashed.Replace('/', '-'), out var fromDashed, out _), slashed);
            if (date != fromCompact || date != fromSlashed || date != fromDashed)
            {
                Assert.Fail($"{date:yyyy-MM-dd} came back as {fromCompact}, {fromSlashed}, {fromDashed}");
            }

            days++;
        }

        Assert.Equal(new DateOnly(2200, 12, 31).DayNumber - new DateOnly(1912, 1, 1).DayNumber + 1, days);
    }
}
