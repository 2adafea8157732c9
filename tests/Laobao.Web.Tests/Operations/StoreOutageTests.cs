using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Laobao.Web.Data;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Localization;
using Laobao.Web.Mail;
using Laobao.Web.Operations.Health;
using Laobao.Web.Operations.Outage;
using Laobao.Web.Security.Audit;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Laobao.Web.Tests.Operations;

/// <summary>
/// SPEC §13, database down: PostgreSQL (a server of this test's own) stops for 20 s in the middle of steady API and
/// e-desk traffic. Only 200 and 503-with-Retry-After come back, readiness goes red then green, nothing accepted is
/// lost, and the node serves again within 10 s of the store's return — without a restart.
/// </summary>
public sealed class StoreOutageTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WhenPostgresStopsForTwentySecondsUnderTrafficThenOnly503sAnswerNothingIsLostAndTheNodeRecoversByItself()
    {
        await using var server = await PostgresCluster.StartAsync();
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Postgres, server.AdminConnectionString, new Dictionary<string, string>
        {
            ["Mail:LocalMailbox"] = "true",
            ["Mail:PollInterval"] = "00:00:01",
        });
        using var phone = await world.LinkPhoneAsync();
        var tokens = await phone.SignInAsync();
        var desk = (await world.DeskAsync(People.Wang)).Http;
        var api = world.Http();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var probe = world.Http();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("api/v1/me/coverage", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync(new Uri("desk", UriKind.Relative))).StatusCode);

        // A mail accepted before the outage, due during it.
        long mailId;
        using (var scope = world.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
            var message = scope.ServiceProvider.GetRequiredService<MailOutbox>().Add(db, Accounts.WangEmail, MailTemplate.AccountActivated, UiLanguage.ZhTw, new Dictionary<string, string> { ["email"] = Accounts.WangEmail });
            message.NextAttemptAt = world.Time.GetUtcNow().UtcDateTime.AddMinutes(1);
            await db.SaveChangesAsync();
            mailId = message.Id;
        }

        var answers = new ConcurrentQueue<TrafficAnswer>();
        using var stop = new CancellationTokenSource();
        var traffic = new[]
        {
            OutageTraffic.LoopAsync("node", api, "api/v1/me/coverage", answers, stop.Token),
            OutageTraffic.LoopAsync("node", api, "api/v1/me/coverage", answers, stop.Token),
            OutageTraffic.LoopAsync("node", desk, "desk", answers, stop.Token),
            OutageTraffic.LoopAsync("node", probe, LaobaoHealth.ReadyPath.TrimStart('/'), answers, stop.Token),
        };
        await Task.Delay(TimeSpan.FromSeconds(2));

        await server.StopAsync();
        var down = Stopwatch.StartNew();
        world.Time.Advance(TimeSpan.FromMinutes(2));
        await Task.Delay(Outage);
        await server.StartAsync();
        var back = DateTime.UtcNow;

        // Every kind of request serves again within 10 s of the store's return.
        foreach (var path in new[] { "api/v1/me/coverage", "desk", LaobaoHealth.ReadyPath.TrimStart('/') })
        {
            var client = path.StartsWith("api", StringComparison.Ordinal) ? api : path == "desk" ? desk : probe;
            await OutageTraffic.WaitForOkAsync(client, path, back + Recovery, Recovery);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await Task.WhenAll(traffic);
        Assert.True(down.Elapsed >= Outage);

        var all = answers.ToList();
        Assert.All(all, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{a.Path} answered {(int)a.Status}{a.Failure}"));
        Assert.All(all.Where(a => a.Status == HttpStatusCode.ServiceUnavailable && !a.Path.StartsWith("healthz", StringComparison.Ordinal)), a => Assert.Equal(StoreOutageMiddleware.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), a.RetryAfter));

        var apiDown = all.Where(a => a.Path.StartsWith("api", StringComparison.Ordinal) && a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(apiDown);
        Assert.All(apiDown, a => Assert.Equal(OutageCopy.Code, a.Code));
        var deskDown = all.Where(a => a.Path == "desk" && a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(deskDown);
        Assert.All(deskDown, a => Assert.Contains(OutageCopy.TitleZh, a.Body, StringComparison.Ordinal));
        Assert.All(deskDown, a => Assert.Contains(OutageCopy.TitleEn, a.Body, StringComparison.Ordinal));
        var ready = all.Where(a => a.Path.StartsWith("healthz", StringComparison.Ordinal)).Select(a => a.Status).ToList();
        Assert.Contains(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal(HttpStatusCode.OK, ready[^1]);

        // Nothing accepted is lost: every coverage view answered 200 has its audit row, and no other was stored
        // (the loops' answers, plus the check before the outage and the first success after it).
        var served = all.Count(a => a.Path.StartsWith("api", StringComparison.Ordinal) && a.Status == HttpStatusCode.OK) + 2;
        await using (var db = world.Database.Context())
        {
            Assert.Equal(served, await db.Set<AuditRecord>().CountAsync(r => r.Action == AuditActions.CoverageView));
        }

        // The mail due during the outage goes out once the store is back, exactly once.
        await OutageTraffic.WaitAsync(async () =>
        {
            await using var db = world.Database.Context();
            return await db.Set<OutboxMessage>().AnyAsync(m => m.Id == mailId && m.SentAt != null);
        }, DateTime.UtcNow + TimeSpan.FromSeconds(30), "the mail accepted before the outage was not sent after it");
        await using (var db = world.Database.Context())
        {
            Assert.Equal(1, await db.Set<MailboxMessage>().CountAsync(m => m.OutboxId == mailId));
        }
    }
}
