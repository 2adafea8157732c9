using Laobao.Web.Features.DeviceLinking;

namespace Laobao.Web.Tests.Features.DeviceLinking;

public sealed class TaiwanMomentTests
{
    [Theory]
    [InlineData("2026-11-27T08:17:33Z", "115/11/27 16:17:33 (2026-11-27 16:17:33)")]
    // Past midnight in Taipei while still the day before in UTC: the date is Taiwan's.
    [InlineData("2026-12-31T16:00:05Z", "116/01/01 00:00:05 (2027-01-01 00:00:05)")]
    public void The_ticket_expiry_is_shown_in_taiwan_time_in_both_calendars(string utc, string shown) =>
        Assert.Equal(shown, DeviceLinkingDeskApi.TaiwanMoment(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
}
