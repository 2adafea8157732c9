using Laobao.Web.Data;
using Microsoft.Extensions.Configuration;

namespace Laobao.Ops.Database;

/// <summary>The store the ops command works on: ./appsettings.json when present, then the environment (SPEC §3).</summary>
internal static class OpsDatabase
{
    public static DatabaseSettings FromEnvironment()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        try
        {
            return DatabaseSettings.From(configuration);
        }
        catch (InvalidOperationException e)
        {
            throw new OpsUsageException(e.Message);
        }
    }

    /// <summary>Where the store is, without the password, for a line on the terminal.</summary>
    public static string Describe(DatabaseSettings settings) => settings.Provider == DatabaseProvider.Sqlite
        ? "SQLite " + new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString).DataSource
        : DescribePostgres(settings.ConnectionString);

    private static string DescribePostgres(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }
}
