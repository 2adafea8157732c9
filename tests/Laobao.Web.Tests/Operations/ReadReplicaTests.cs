using System.Globalization;
using System.Net;
using Laobao.Web.Data;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Laobao.Web.Tests.Operations;

/// <summary>
/// SPEC §13, read replicas: with <c>ConnectionStrings:LaobaoReadOnly</c> naming a real streaming replica
/// (pg_basebackup of a primary of this test's own, on loopback), inquiries read the replica while a person's own
/// writes (devices, tokens, reported problems) read the primary, and the replica's lag is a metric. Replay is paused on the replica so
/// the two can be told apart: a change on the primary does not show in an inquiry until replay resumes, while a
/// phone linked meanwhile shows at once.
/// </summary>
public sealed class ReadReplicaTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task InquiriesReadTheReplicaWhileOwnWritesReadThePrimaryAndTheLagIsAMetric()
    {
        await using var primary = await PostgresCluster.StartAsync();
        await using var replica = await primary.StartReplicaAsync();
        // Read when the host is first built (the first client), by then the database and its name exist.
        var settings = new Dictionary<string, string>
        {
            ["Metrics:Prometheus"] = "true",
            ["Database:ReplicaLagInterval"] = "00:00:00.500",
        };
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Postgres, primary.AdminConnectionString, settings);
        var replicaConnection = new NpgsqlConnectionStringBuilder(world.Database.Settings.ConnectionString) { Port = replica.Port }.ConnectionString;
        settings["ConnectionStrings:LaobaoReadOnly"] = replicaConnection;

        // The seeded records have reached the replica.
        await WaitAsync(
            async () =>
            {
                try
                {
                    return await ScalarAsync(replicaConnection, "SELECT count(*) FROM insured_units") == 2;
                }
                catch (PostgresException)
                {
                    return false; // the database or its tables have not arrived yet
                }
            },
            "the replica never received the seeded units");

        using var phone = await world.LinkPhoneAsync();
        var tokens = await phone.SignInAsync();
        Assert.Contains((await phone.Api.GetCoverageAsync(tokens.AccessToken)).Periods, p => p.UnitName == "甲公司");

        await ExecuteAsync(replicaConnection, "SELECT pg_wal_replay_pause()");
        await using (var db = world.Database.Context())
        {
            await db.InsuredUnits.Where(u => u.UnitCode == "111111111").ExecuteUpdateAsync(s => s.SetProperty(u => u.Name, "甲公司新名"));
        }

        // The primary has the new name; the replica (paused) still answers the old one, and so do inquiries.
        Assert.Equal("甲公司新名", await ScalarTextAsync(world.Database.Settings.ConnectionString, "SELECT name FROM insured_units WHERE unit_code = '111111111'"));
        var coverage = await phone.Api.GetCoverageAsync(tokens.AccessToken);
        Assert.Contains(coverage.Periods, p => p.UnitName == "甲公司");
        Assert.DoesNotContain(coverage.Periods, p => p.UnitName == "甲公司新名");

        // A person's own writes are read from the primary: a second phone and a fresh sign-in work at once while
        // the replica is frozen, and the device list shows both phones.
        using var second = await world.LinkPhoneAsync(phone.Desk);
        var secondTokens = await second.SignInAsync();
        var devices = await second.Api.GetDevicesAsync(secondTokens.AccessToken);
        Assert.Contains(devices, d => d.DeviceId == phone.DeviceId);
        Assert.Contains(devices, d => d.DeviceId == second.DeviceId);
        var refreshed = await second.RefreshAsync(secondTokens.RefreshToken);

        // A reported problem (SPEC §12) is the person's own write too: it is listed and opens at once, replica frozen.
        var reported = await second.Api.ReportAsync(refreshed.AccessToken, new Laobao.Client.CaseRequest("period", "111111111", "2024-01", "2024-02", "The replica is paused; this case must still show."));
        Assert.Contains(await second.Api.GetCasesAsync(refreshed.AccessToken), c => c.Number == reported.Number);
        Assert.Equal(reported.Number, (await second.Api.GetCaseAsync(refreshed.AccessToken, reported.Number)).Number);
        Assert.Equal(0L, await ScalarAsync(replicaConnection, "SELECT count(*) FROM record_cases"));

        // The lag shows while replay is paused.
        using var scraper = world.Http("127.0.0.1");
        await WaitAsync(async () => ReplicaLag(await scraper.GetStringAsync(new Uri("metrics", UriKind.Relative))) > 0, "laobao_replica_lag_seconds never rose above 0 while replay was paused");

        await ExecuteAsync(replicaConnection, "SELECT pg_wal_replay_resume()");
        await WaitAsync(
            async () => (await phone.Api.GetCoverageAsync(refreshed.AccessToken)).Periods.Any(p => p.UnitName == "甲公司新名"),
            "the inquiry never showed the primary's change after replay resumed");
        await WaitAsync(async () => ReplicaLag(await scraper.GetStringAsync(new Uri("metrics", UriKind.Relative))) == 0, "the replica lag did not return to 0 after replay resumed");

        // The estimate reads the replica too, and answers.
        using var api = world.Http();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", refreshed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("api/v1/me/estimates", UriKind.Relative))).StatusCode);
    }

    private static double ReplicaLag(string metrics)
    {
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith("laobao_replica_lag_seconds", StringComparison.Ordinal) && !l.StartsWith('#'));
        Assert.True(line is not null, "/metrics has no laobao_replica_lag_seconds:\n" + string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith("laobao", StringComparison.Ordinal))));
        return double.Parse(line.Split(' ')[^1], CultureInfo.InvariantCulture);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string failure)
    {
        var until = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(200);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<string?> ScalarTextAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }
}
