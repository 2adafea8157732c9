using System.Net;
using Laobao.Web.Data;
using Laobao.Web.Operations.Health;
using Laobao.Web.Tests.Security;
using Npgsql;

namespace Laobao.Web.Tests.Operations;

/// <summary>SPEC §13: liveness, readiness (store reachable, migrations applied, trust anchors loaded) and the old alias.</summary>
public sealed class HealthTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WhenTheStoreIsMigratedThenLiveReadyAndTheOldAliasAreHealthy(DatabaseProvider provider)
    {
        await using var world = CardWorld.Create();
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new DeskApp(world, database);
        using var client = app.CreateClient();

        foreach (var path in new[] { LaobaoHealth.LivePath, LaobaoHealth.ReadyPath, LaobaoHealth.LegacyPath })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task WhenThePostgresStoreIsNotMigratedThenReadyIsRedWhileLiveIsGreen()
    {
        await using var world = CardWorld.Create();
        await using var migrated = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var admin = Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)!;
        var name = "laobao_empty_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        try
        {
            var empty = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            await using var app = new DeskApp(world, migrated, new Dictionary<string, string> { ["ConnectionStrings:Laobao"] = empty });
            using var client = app.CreateClient();

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(LaobaoHealth.LivePath)).StatusCode);
            var ready = await client.GetAsync(LaobaoHealth.ReadyPath);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(LaobaoHealth.LegacyPath)).StatusCode);

            // Once `laobao db migrate` has run, the same node turns ready without a restart.
            await using (var db = new DatabaseSettings(DatabaseProvider.Postgres, empty).CreateContext())
            {
                await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database);
            }

            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(LaobaoHealth.ReadyPath)).StatusCode);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    [Fact]
    public async Task WhenTheSqliteStoreIsNotMigratedAndMigrationOnStartIsOffThenReadyIsRed()
    {
        await using var world = CardWorld.Create();
        await using var migrated = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("laobao-empty-").FullName;
        await using var app = new DeskApp(world, migrated, new Dictionary<string, string>
        {
            ["ConnectionStrings:Laobao"] = $"Data Source={Path.Combine(folder, "empty.db")}",
            ["Database:MigrateOnStart"] = "false",
        });
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(LaobaoHealth.LivePath)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(LaobaoHealth.ReadyPath)).StatusCode);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
