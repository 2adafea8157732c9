using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Laobao.Web.Data;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Localization;
using Laobao.Web.Mail;
using Laobao.Web.Security.Audit;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Laobao.Web.Tests.Operations;

/// <summary>
/// SIGTERM (SPEC §13): the node stops taking requests, finishes the one in flight, flushes its audit queue and gives
/// back the outbox rows it holds but has not tried — then exits 0. The node is the built host as its own process in
/// Production; the request is held in flight by a lock the test keeps on the audit table, the mail round by an SMTP
/// server that accepts connections and never greets.
/// </summary>
public sealed class GracefulStopTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task OnSigtermTheNodeFinishesTheRequestInFlightFlushesItsAuditRowGivesBackItsOutboxLeaseAndExits0()
    {
        // The data protection keys live in the store, encrypted with the certificate every Production node of this
        // run shares: the in-process host below (which stages mail and signs the phone in) and the node read each
        // other's payloads, as two nodes would.
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Postgres, settings: new Dictionary<string, string>
        {
            ["DataProtection:CertificatePath"] = WebNodeProcess.DataProtectionCertificatePath,
            // The in-process host's own sender (the local mailbox) delivers the "new device" mail and then sleeps.
            ["Mail:PollInterval"] = "00:10:00",
        });
        // The node runs on the real clock: tokens made here must be valid there.
        world.Time.SetUtcNow(DateTimeOffset.UtcNow);
        using var phone = await world.LinkPhoneAsync();
        var tokens = await phone.SignInAsync();

        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var settings = WebNodeProcess.ProductionSettings(world.Database.Settings.ConnectionString);
        settings["Mail__Smtp__Port"] = ((IPEndPoint)silent.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        settings["Mail__Smtp__Security"] = "None";
        settings["Mail__Smtp__Timeout"] = "00:00:15";
        settings["Mail__PollInterval"] = "00:00:00.200";
        await using var node = WebNodeProcess.Start(settings);
        await node.WaitForAsync("/healthz/ready", Patience);

        await WaitAsync(async () =>
        {
            await using var db = world.Database.Context();
            return !await db.Set<OutboxMessage>().AnyAsync(m => m.SentAt == null);
        }, "the in-process host did not deliver the \"new device\" mail");

        // Three mails for the node's outbox; its round takes all three and hangs on the first.
        long[] mails;
        using (var scope = world.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
            var staged = Enumerable.Range(1, 3).Select(i => outbox.Add(db, Accounts.WangEmail, MailTemplate.AccountActivated, UiLanguage.ZhTw, new Dictionary<string, string> { ["email"] = Accounts.WangEmail })).ToList();
            await db.SaveChangesAsync();
            mails = staged.Select(m => m.Id).ToArray();
        }

        await WaitAsync(async () =>
        {
            await using var db = world.Database.Context();
            return await db.Set<OutboxMessage>().CountAsync(m => mails.Contains(m.Id) && m.LeaseOwner != null) == 3;
        }, "the node's outbox did not take the three mails");

        // A coverage view held in flight: its audit row cannot be written while the test locks the table.
        int viewsBefore;
        await using (var db = world.Database.Context())
        {
            viewsBefore = await db.Set<AuditRecord>().CountAsync(r => r.Action == AuditActions.CoverageView);
        }

        await using var blocker = new NpgsqlConnection(world.Database.Settings.ConnectionString);
        await blocker.OpenAsync();
        await using var hold = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE audit_records IN EXCLUSIVE MODE", blocker, hold))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        using var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = Patience };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var inFlight = client.GetAsync(new Uri("api/v1/me/coverage", UriKind.Relative));
        await WaitAsync(
            async () => await ScalarAsync(world.Database.Settings.ConnectionString, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") > 0,
            "the coverage request never reached its audit write");

        node.Signal(15);

        // New connections are refused from now on, while the request in flight still waits.
        await WaitAsync(
            async () =>
            {
                using var fresh = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
                try
                {
                    using var response = await fresh.GetAsync(new Uri("healthz/live", UriKind.Relative));
                    return false;
                }
                catch (HttpRequestException)
                {
                    return true;
                }
            },
            "the stopping node still took new requests");
        Assert.False(inFlight.IsCompleted, "the request in flight ended before the audit table was released");
        Assert.False(node.HasExited, "the node exited with a request in flight");

        await hold.CommitAsync();
        using (var answer = await inFlight)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        Assert.Equal(0, await node.WaitForExitAsync(Patience));
        await using (var db = world.Database.Context())
        {
            // The audit row of the request answered during the stop is stored.
            Assert.Equal(viewsBefore + 1, await db.Set<AuditRecord>().CountAsync(r => r.Action == AuditActions.CoverageView));

            // The mail being sent was finished (a failed try, to be retried); the two not yet tried went back at once
            // rather than waiting out the five-minute lease.
            var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => mails.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync();
            Assert.All(rows, r => Assert.True(r.LeaseOwner is null && r.LeaseUntil is null && r.SentAt is null, $"mail {r.Id}: lease {r.LeaseOwner} until {r.LeaseUntil}, sent {r.SentAt}"));
            Assert.Equal(1, rows.Count(r => r.Attempts == 1));
            Assert.Equal(2, rows.Count(r => r.Attempts == 0));
        }

        // The rows above are the proof that the lease was given back (without it the two untried mails would hold a
        // five-minute lease). The node's "gave back the lease" line is not asserted: it is logged during the stop, and
        // the console logger waits only 1.5 s for its queue at exit, so on a busy machine the last lines can be lost.
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string failure)
    {
        var until = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(100);
        }
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
