using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Laobao.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Which store to use, from <c>Database:Provider</c> (Sqlite | Postgres) and <c>ConnectionStrings:Laobao</c>
/// (environment: <c>Database__Provider</c>, <c>ConnectionStrings__Laobao</c>). Shared by the web host and the ops command.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The default store: a SQLite file under ./data.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/laobao.db";

    public static DatabaseSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providerText = configuration["Database:Provider"];
        DatabaseProvider provider;
        if (string.IsNullOrWhiteSpace(providerText))
        {
            provider = DatabaseProvider.Sqlite;
        }
        else if (!Enum.TryParse(providerText.Trim(), ignoreCase: true, out provider) || !Enum.IsDefined(provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider is '{providerText}'; expected Sqlite or Postgres.");
        }

        var connectionString = configuration.GetConnectionString("Laobao");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:Laobao (ConnectionStrings__Laobao) is not set.");
            }

            connectionString = DefaultSqliteConnectionString;
        }

        return new DatabaseSettings(provider, connectionString);
    }

    /// <summary>Applies the provider to EF options; creates the SQLite file's folder so a fresh checkout just works.</summary>
    public void Apply(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolder(ConnectionString);
            options.UseSqlite(ConnectionString);
        }
        else
        {
            options.UseNpgsql(ConnectionString);
        }
    }

    /// <summary>A new context for this store, outside dependency injection (ops command, tests, benchmarks).</summary>
    public LaobaoDbContext CreateContext()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            var builder = new DbContextOptionsBuilder<SqliteLaobaoDbContext>();
            Apply(builder);
            return new SqliteLaobaoDbContext(builder.Options);
        }
        else
        {
            var builder = new DbContextOptionsBuilder<PostgresLaobaoDbContext>();
            Apply(builder);
            return new PostgresLaobaoDbContext(builder.Options);
        }
    }

    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LaobaoDbContext"/> for the configured provider and a health check that opens it.
    /// Contexts are pooled: a profile of GET /api/v1/me/coverage under load showed every request building a new
    /// context and its internal service scope (with lock contention there); a pooled one is reset and reused.
    /// </summary>
    public static IServiceCollection AddLaobaoDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = DatabaseSettings.From(configuration);
        services.AddSingleton(settings);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            services.AddDbContextPool<LaobaoDbContext, SqliteLaobaoDbContext>(settings.Apply);
        }
        else
        {
            services.AddDbContextPool<LaobaoDbContext, PostgresLaobaoDbContext>(settings.Apply);
        }

        services.TryAddSingleton(TimeProvider.System);
        // Inquiries read the replica when ConnectionStrings:LaobaoReadOnly names one; everything else the primary.
        services.AddInquiryReads(configuration, settings);
        services.AddHealthChecks().AddDbContextCheck<LaobaoDbContext>(
            name: "database",
            failureStatus: HealthStatus.Unhealthy,
            tags: ["ready"]);
        return services;
    }
}
