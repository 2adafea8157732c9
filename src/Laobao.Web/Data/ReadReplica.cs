using System.Diagnostics.Metrics;
using Laobao.Web.Features.Inquiry.ReadModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Laobao.Web.Data;

/// <summary>
/// Inquiries (coverage, pension, estimates, the records a statement is made of) may read from a PostgreSQL streaming
/// replica named by <c>ConnectionStrings:LaobaoReadOnly</c> (SPEC §13). Those are the bureau's imported records, which
/// a person never writes. Everything a person writes and must see at once — their account, devices, statements,
/// cases, tokens, sessions, activity — keeps reading <see cref="LaobaoDbContext"/> on the primary.
/// </summary>
public static class ReadReplica
{
    public const string ConnectionStringName = "LaobaoReadOnly";

    /// <summary>The replica's connection string, or null when none is configured.</summary>
    public static string? ConnectionString(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration.GetConnectionString(ConnectionStringName);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>
    /// Registers <see cref="PersonInquiryReader"/> on the replica when one is configured (on the primary otherwise),
    /// and the replica lag gauge.
    /// </summary>
    public static IServiceCollection AddInquiryReads(this IServiceCollection services, IConfiguration configuration, DatabaseSettings primary)
    {
        ArgumentNullException.ThrowIfNull(primary);
        var replica = ConnectionString(configuration);
        if (replica is null)
        {
            services.AddScoped<PersonInquiryReader>();
            return services;
        }

        if (primary.Provider != DatabaseProvider.Postgres)
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is set but Database:Provider is {primary.Provider}: a read replica is a PostgreSQL streaming replica.");
        }

        var options = new DbContextOptionsBuilder<PostgresLaobaoDbContext>();
        new DatabaseSettings(DatabaseProvider.Postgres, replica).Apply(options);
        // Nothing read here is ever changed through this context.
        options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        services.AddSingleton(new ReplicaContexts(new PooledDbContextFactory<PostgresLaobaoDbContext>(options.Options), replica));
        services.AddScoped<ReplicaLease>();
        services.AddScoped(provider => new PersonInquiryReader(provider.GetRequiredService<ReplicaLease>().Context, provider.GetRequiredService<TimeProvider>()));
        services.AddHostedService<ReplicaLagGauge>();
        return services;
    }
}

/// <summary>The pool of replica contexts, and the replica's connection string for the lag probe.</summary>
public sealed class ReplicaContexts(PooledDbContextFactory<PostgresLaobaoDbContext> pool, string connectionString)
{
    public PostgresLaobaoDbContext Rent() => pool.CreateDbContext();

    public string ConnectionString { get; } = connectionString;
}

/// <summary>One request's replica context, returned to the pool with the request's scope.</summary>
public sealed class ReplicaLease(ReplicaContexts contexts) : IDisposable, IAsyncDisposable
{
    private PostgresLaobaoDbContext? context;

    public LaobaoDbContext Context => context ??= contexts.Rent();

    public void Dispose() => context?.Dispose();

    public async ValueTask DisposeAsync()
    {
        if (context is not null)
        {
            await context.DisposeAsync();
        }
    }
}

/// <summary>
/// <c>laobao.replica.lag</c>: seconds the replica's replay trails the primary, read on the replica every
/// <c>Database:ReplicaLagInterval</c> (15 s). Zero when everything received is replayed; otherwise the age of the last
/// replayed transaction. A replica out of reach keeps the last figure and logs at Debug; inquiries on it answer 503.
/// </summary>
public sealed partial class ReplicaLagGauge : BackgroundService
{
    private const string LagSql =
        "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0 " +
        "WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0 " +
        "ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END::float8";

    private readonly ReplicaContexts contexts;
    private readonly TimeSpan interval;
    private readonly ILogger<ReplicaLagGauge> logger;
    private double lagSeconds;

    public ReplicaLagGauge(ReplicaContexts contexts, IMeterFactory meters, IConfiguration configuration, ILogger<ReplicaLagGauge> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(configuration);
        this.contexts = contexts;
        this.logger = logger;
        interval = configuration.GetValue<TimeSpan?>("Database:ReplicaLagInterval") ?? TimeSpan.FromSeconds(15);
        // The same meter as Laobao's others (the factory hands out one meter per name).
        meters.Create(Operations.Telemetry.LaobaoMeters.MeterName)
            .CreateObservableGauge("laobao.replica.lag", () => LagSeconds, "s", "How far the read replica's replay trails the primary.");
    }

    public double LagSeconds => Volatile.Read(ref lagSeconds);

    /// <summary>Reads the lag now (also used by the loop).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(contexts.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(LagSql, connection);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        Volatile.Write(ref lagSeconds, value is double seconds ? Math.Max(0, seconds) : 0);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                LogRefreshFailed(logger, exception.GetType().Name);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 1930, Level = LogLevel.Debug, Message = "Replica lag not read ({ExceptionType})")]
    private static partial void LogRefreshFailed(ILogger logger, string exceptionType);
}
