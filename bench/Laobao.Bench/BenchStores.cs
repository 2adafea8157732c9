using Laobao.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Laobao.Bench;

/// <summary>
/// Throwaway, migrated stores for the scenarios that load data (import, import-alerts): a SQLite file in the run's
/// folder, or a database of its own on the PostgreSQL server given by <c>--server</c>; dropped again after the round.
/// </summary>
internal static class BenchStores
{
    /// <summary>An empty, migrated store named after the scenario (<paramref name="prefix"/>), the round and this process.</summary>
    public static async Task<DatabaseSettings> FreshAsync(DatabaseProvider provider, string[] args, string folder, string prefix, string name)
    {
        DatabaseSettings settings;
        if (provider == DatabaseProvider.Sqlite)
        {
            settings = new DatabaseSettings(provider, $"Data Source={Path.Combine(folder, name + ".db")}");
        }
        else
        {
            var server = BenchOptions.Get(args, "--server") ?? throw new ArgumentException("--server CONNECTION is needed for Postgres");
            var database = $"{prefix}_{name}_{Environment.ProcessId}";
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = $"DROP DATABASE IF EXISTS {database} WITH (FORCE); CREATE DATABASE {database}";
                await command.ExecuteNonQueryAsync();
            }

            settings = new DatabaseSettings(provider, new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString);
        }

        await using var context = settings.CreateContext();
        await context.Database.MigrateAsync();
        return settings;
    }

    public static async Task DropAsync(DatabaseSettings settings)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }

            return;
        }

        // Pooled connections to the dropped database would fail the next round's first command.
        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var database = builder.Database;
        builder.Database = "postgres";
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {database} WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }
}
