using Laobao.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Laobao.Tests.Shared;

/// <summary>
/// Real stores for tests: a SQLite file in a temporary folder, or a uniquely named PostgreSQL database on the
/// server that ./test.sh starts (LAOBAO_TEST_POSTGRES). Every store is migrated; the PostgreSQL databases are
/// dropped when the test class is done. One source file, compiled into each test project that needs stores.
/// </summary>
public abstract class TestStores : IAsyncLifetime
{
    private readonly List<string> cleanup = [];

    public abstract DatabaseProvider Provider { get; }

    public async Task<DatabaseSettings> NewStoreAsync()
    {
        DatabaseSettings settings;
        if (Provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "laobao-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            cleanup.Add(folder);
            settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "laobao.db")};Pooling=False");
        }
        else
        {
            var server = PostgresServer();
            var name = "laobao_test_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = $"CREATE DATABASE {name}";
                await command.ExecuteNonQueryAsync();
            }

            cleanup.Add(name);
            settings = new DatabaseSettings(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString);
        }

        await using var context = settings.CreateContext();
        await context.Database.MigrateAsync();
        return settings;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var item in cleanup)
        {
            if (Provider == DatabaseProvider.Sqlite)
            {
                Directory.Delete(item, recursive: true);
            }
            else
            {
                await using var connection = new NpgsqlConnection(PostgresServer());
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = $"DROP DATABASE IF EXISTS {item} WITH (FORCE)";
                await command.ExecuteNonQueryAsync();
            }
        }
    }

    private static string PostgresServer() =>
        Environment.GetEnvironmentVariable("LAOBAO_TEST_POSTGRES") is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                "PostgreSQL is needed: LAOBAO_TEST_POSTGRES is not set. Run the tests through ./test.sh, which starts a throwaway " +
                "PostgreSQL 15 (apt-get install -y postgresql-15) and exports the connection string.");
}

public sealed class SqliteStores : TestStores
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresStores : TestStores
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
