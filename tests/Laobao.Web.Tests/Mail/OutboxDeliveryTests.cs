using Laobao.Web.Data;
using Laobao.Web.Localization;
using Laobao.Web.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Laobao.Web.Tests.Mail;

/// <summary>
/// Two senders (two web nodes) working one outbox at once, on PostgreSQL (FOR UPDATE SKIP LOCKED) and on SQLite,
/// delivering to a real SMTP server: every message arrives exactly once.
/// </summary>
public sealed class OutboxDeliveryTests
{
    private const int Messages = 40;

    [Fact]
    public async Task Two_nodes_on_postgresql_deliver_every_message_exactly_once()
    {
        var admin = Environment.GetEnvironmentVariable("LAOBAO_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(admin),
            "PostgreSQL is needed: run ./test.sh (it starts PostgreSQL 15 and sets LAOBAO_TEST_POSTGRES), or apt-get install -y postgresql-15 and set LAOBAO_TEST_POSTGRES to an admin connection string.");
        var database = "laobao_outbox_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = database };
        try
        {
            await RaceAsync(new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task Two_nodes_on_sqlite_deliver_every_message_exactly_once()
    {
        var folder = Directory.CreateTempSubdirectory("laobao-outbox-").FullName;
        await RaceAsync(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "outbox.db")};Default Timeout=30"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Retries_back_off_exponentially_up_to_the_cap()
    {
        var settings = new MailOptions { RetryBaseDelay = TimeSpan.FromSeconds(15), RetryMaxDelay = TimeSpan.FromMinutes(15) };
        Assert.Equal(TimeSpan.FromSeconds(15), OutboxDelivery.Backoff(1, settings));
        Assert.Equal(TimeSpan.FromSeconds(30), OutboxDelivery.Backoff(2, settings));
        Assert.Equal(TimeSpan.FromSeconds(120), OutboxDelivery.Backoff(4, settings));
        Assert.Equal(TimeSpan.FromMinutes(15), OutboxDelivery.Backoff(7, settings));
        Assert.Equal(TimeSpan.FromMinutes(15), OutboxDelivery.Backoff(500, settings));
    }

    private static async Task RaceAsync(DatabaseSettings database)
    {
        await using var smtp = await SmtpCaptureServer.StartNewAsync();
        await using (var db = database.CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        var options = Options.Create(new MailOptions
        {
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = smtp.Port, Security = SmtpSecurity.None, Timeout = TimeSpan.FromSeconds(10) },
            From = "no-reply@laobao.test",
            BatchSize = 5,
            LeaseDuration = TimeSpan.FromMinutes(2),
        });
        var services = new ServiceCollection();
        services.AddScoped(_ => database.CreateContext());
        await using var provider = services.BuildServiceProvider();
        var scopes = provider.GetRequiredService<IServiceScopeFactory>();
        using var signal = new OutboxSignal();
        var outbox = new MailOutbox(new EphemeralDataProtectionProvider(), TimeProvider.System, signal);

        await using (var db = database.CreateContext())
        {
            for (var i = 0; i < Messages; i++)
            {
                outbox.Add(db, $"person{i}@example.tw", MailTemplate.ActivationCode, i % 2 == 0 ? UiLanguage.ZhTw : UiLanguage.En,
                    new Dictionary<string, string> { ["code"] = $"{i:D8}", ["minutes"] = "10" });
            }

            await db.SaveChangesAsync();
        }

        var transport = new SmtpMailTransport(options);
        OutboxDelivery Node() => new(scopes, transport, outbox, options, TimeProvider.System, NullLogger<OutboxDelivery>.Instance);
        var nodes = new[] { Node(), Node() };
        await Task.WhenAll(nodes.Select(node => Task.Run(async () =>
        {
            // Each round sends what is due; a node that kept finding work forever would fail here, not hang.
            for (var round = 0; await node.RunOnceAsync(CancellationToken.None) > 0; round++)
            {
                Assert.True(round < 10_000, "the outbox still had mail to send after 10,000 rounds of one node");
            }
        })));

        var received = await smtp.WaitForAsync("person0@example.tw", 1);
        Assert.Single(received);
        var all = smtp.Messages();
        Assert.Equal(Messages, all.Count);
        Assert.Equal(Messages, all.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
        Assert.Equal(Messages, all.Select(m => m.MessageId).Distinct().Count());
        Assert.Contains(all, m => (m.TextBody ?? "").Contains("00000007", StringComparison.Ordinal) && (m.TextBody ?? "").StartsWith("Hello", StringComparison.Ordinal));
        Assert.Contains(all, m => (m.TextBody ?? "").Contains("00000008", StringComparison.Ordinal) && (m.TextBody ?? "").StartsWith("您好", StringComparison.Ordinal));

        await using var check = database.CreateContext();
        Assert.Equal(Messages, await check.Set<OutboxMessage>().CountAsync(m => m.SentAt != null && m.Attempts == 1 && m.Payload == ""));
    }
}
