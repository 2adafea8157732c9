using Laobao.Web.Data;
using Laobao.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Laobao.Web.Tests.Security;

/// <summary>
/// A fresh, migrated database per test or test host: a SQLite file in a temp folder, or a new database on the
/// PostgreSQL server named by $LAOBAO_TEST_POSTGRES (./test.sh starts one). Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "LAOBAO_TEST_POSTGRES";

    private readonly string? sqliteFolder;
    private readonly string? postgresAdmin;
    private readonly string? postgresName;

    private TestDatabase(DatabaseSettings settings, string? sqliteFolder, string? postgresAdmin, string? postgresName)
    {
        Settings = settings;
        this.sqliteFolder = sqliteFolder;
        this.postgresAdmin = postgresAdmin;
        this.postgresName = postgresName;
    }

    public DatabaseSettings Settings { get; }

    /// <summary>A fresh, migrated store; on PostgreSQL on the server <paramref name="postgresAdmin"/> names, else $LAOBAO_TEST_POSTGRES's.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, string? postgresAdmin = null)
    {
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("laobao-test-db-").FullName;
            database = new TestDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "laobao.db")}"), folder, null, null);
        }
        else
        {
            var admin = postgresAdmin ?? Environment.GetEnvironmentVariable(PostgresVariable);
            Assert.False(
                string.IsNullOrWhiteSpace(admin),
                $"PostgreSQL is needed: {PostgresVariable} is not set. Run ./test.sh, which starts PostgreSQL 15 on 127.0.0.1 (apt-get install -y postgresql-15).");
            var name = "laobao_test_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await command.ExecuteNonQueryAsync();
            }

            var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            database = new TestDatabase(new DatabaseSettings(DatabaseProvider.Postgres, connectionString), null, admin, name);
        }

        await using var db = database.Settings.CreateContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public async Task AddPersonAsync(string idNumber, string name, DateOnly birthDate)
    {
        await using var db = Settings.CreateContext();
        db.Persons.Add(new Person
        {
            IdNumber = idNumber,
            Name = name,
            BirthDate = birthDate,
            Nationality = "TW",
            Residence = Codes.Citizen,
            PensionScheme = Codes.SchemeNew,
            PensionSince = new DateOnly(2005, 7, 1),
        });
        await db.SaveChangesAsync();
    }

    public LaobaoDbContext Context() => Settings.CreateContext();

    public async ValueTask DisposeAsync()
    {
        if (sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

        if (postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresName} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
