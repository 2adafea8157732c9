using Laobao.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Laobao.Web.Tests.Features.MobileApi;

/// <summary>
/// A fresh, migrated database per test: a SQLite file in a temp folder, or a new PostgreSQL database on the
/// server named by $LAOBAO_TEST_POSTGRES (./test.sh starts one). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? folder;
    private readonly string? postgresName;

    private TestDatabase(DatabaseSettings settings, string? folder, string? postgresName)
    {
        Settings = settings;
        this.folder = folder;
        this.postgresName = postgresName;
    }

    public DatabaseSettings Settings { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "laobao-api-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            database = new TestDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "laobao.db")};Pooling=False"), folder, null);
        }
        else
        {
            var server = Environment.GetEnvironmentVariable("LAOBAO_TEST_POSTGRES");
            if (string.IsNullOrWhiteSpace(server))
            {
                Assert.Fail("PostgreSQL is needed: set LAOBAO_TEST_POSTGRES to a server connection string (./test.sh starts one; apt-get install -y postgresql-15).");
            }

            var name = "laobao_api_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await command.ExecuteNonQueryAsync();
            }

            var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
            database = new TestDatabase(new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString), null, name);
        }

        await using var db = database.Settings.CreateContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public LaobaoDbContext Context() => Settings.CreateContext();

    public async ValueTask DisposeAsync()
    {
        if (folder is not null)
        {
            Directory.Delete(folder, recursive: true);
        }

        if (postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("LAOBAO_TEST_POSTGRES"));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresName} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
