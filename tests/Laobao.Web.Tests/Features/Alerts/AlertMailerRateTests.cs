using Laobao.Web.Data;
using Laobao.Web.Features.Alerts;
using Laobao.Web.Mail;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Laobao.Web.Tests.Features.Alerts;

/// <summary>
/// The alert mail sender never queues more than <c>Alerts:MailsPerMinute</c> in any 60 seconds (SPEC §12), whatever
/// the backlog, and mails nobody who turned alert mail off or has no active account. Time is the world's fake clock,
/// stepped by hand: the rate is checked on the recorded times, not measured.
/// </summary>
public sealed class AlertMailerRateTests
{
    private const int Rate = 7;

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_sender_never_exceeds_its_rate_in_any_60_seconds_and_drains_the_backlog(DatabaseProvider provider)
    {
        await using var world = await MobileWorld.CreateAsync(provider, settings: new Dictionary<string, string>
        {
            ["Alerts:MailsPerMinute"] = Rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Alerts:MailDelay"] = "00:00:00",
        });
        var start = world.Time.GetUtcNow().UtcDateTime;
        await using (var db = world.Database.Context())
        {
            // One alert a day for 40 days for 王小明 (active account), and for 陳美 after she turned alert mail off.
            for (var i = 0; i < 40; i++)
            {
                db.Set<RecordAlert>().Add(new RecordAlert { IdNumber = People.Wang, Day = new DateOnly(2026, 1, 1).AddDays(i), Changes = (int)AlertChanges.Withdrawn, UpdatedAt = start.AddHours(-1) });
            }

            db.Set<RecordAlert>().Add(new RecordAlert { IdNumber = People.Chen, Day = new DateOnly(2026, 1, 1), Changes = (int)AlertChanges.Enrolled, UpdatedAt = start.AddHours(-1) });
            db.Set<RecordAlert>().Add(new RecordAlert { IdNumber = People.Nguyen, Day = new DateOnly(2026, 1, 1), Changes = (int)AlertChanges.Enrolled, UpdatedAt = start.AddHours(-1) });
            db.Set<AlertPreference>().Add(new AlertPreference { IdNumber = People.Chen, MailAlerts = false, ChangedAt = start });
            await db.SaveChangesAsync();
        }

        // Rounds every 7 seconds of fake time, several per step as several nodes would, for 10 minutes.
        for (var step = 0; step < 90; step++)
        {
            for (var round = 0; round < 3; round++)
            {
                using var scope = world.Factory.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<AlertMailer>().RunOnceAsync(CancellationToken.None);
            }

            world.Time.Advance(TimeSpan.FromSeconds(7));
        }

        await using var check = world.Database.Context();
        var alerts = await check.Set<RecordAlert>().AsNoTracking().ToListAsync();
        var mailedTimes = alerts.Where(a => a.MailedAt is { } t && t != AlertMailer.NotMailed).Select(a => a.MailedAt!.Value).Order().ToList();
        Assert.Equal(40, mailedTimes.Count);
        var fullest = 0;
        for (var i = 0; i < mailedTimes.Count; i++)
        {
            var inWindow = mailedTimes.Count(t => t >= mailedTimes[i] && t < mailedTimes[i] + AlertMailer.Window);
            Assert.True(inWindow <= Rate, $"{inWindow} alert mails within 60 s from {mailedTimes[i]:O}; the rate is {Rate} a minute");
            fullest = Math.Max(fullest, inWindow);
        }

        // The backlog pressed against the limit (some minute is full), so a sender that ignored it would have failed
        // above; and it drained in no fewer minutes than the rate allows (40 mails at 7 a minute: 6 minutes of sending, at least 5 minutes from the first to the last).
        Assert.Equal(Rate, fullest);
        Assert.True(mailedTimes[^1] - mailedTimes[0] >= TimeSpan.FromMinutes(40 / Rate), $"40 alert mails went out between {mailedTimes[0]:O} and {mailedTimes[^1]:O}, faster than {Rate} a minute");

        Assert.Equal(AlertMailer.NotMailed, alerts.Single(a => a.IdNumber == People.Chen).MailedAt);
        Assert.Equal(AlertMailer.NotMailed, alerts.Single(a => a.IdNumber == People.Nguyen).MailedAt);
        var mails = await check.Set<OutboxMessage>().AsNoTracking().Where(m => m.Template == nameof(MailTemplate.RecordAlert)).ToListAsync();
        Assert.Equal(40, mails.Count);
        Assert.All(mails, m => Assert.Equal(Accounts.WangEmail, m.ToAddress));
    }
}
