using Laobao.Web.Data;
using Laobao.Web.Security.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Laobao.Web.Tests.Security.Audit;

/// <summary>
/// The group-committing audit writer, fed as in the host: each request's own <see cref="AuditService"/> builds the row
/// and hands it over. No caller goes on before its row is stored, and nothing queued is lost at shutdown.
/// </summary>
public sealed class AuditWriterTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WhenManyViewsAreAuditedAtOnceThenEachRowIsStoredBeforeItsCallerGoesOn(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = Services(database);
        var writer = services.GetRequiredService<AuditWriter>();
        await writer.StartAsync(CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            await ViewAsync(services, Entry("view-" + i));
            await using var db = database.Context();
            Assert.Equal(1, await db.Set<AuditRecord>().CountAsync(r => r.Outcome == "view-" + i));
        }));

        await writer.StopAsync(CancellationToken.None);
        await using var check = database.Context();
        var rows = await check.Set<AuditRecord>().ToListAsync();
        Assert.Equal(60, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal("coverage-view", r.Action);
            Assert.Equal("A123456789", r.SubjectIdNumber);
            Assert.Equal("A12****789", r.SubjectMasked);
            Assert.Equal("192.0.2.7", r.ClientAddress);
            Assert.Equal(time.GetUtcNow().UtcDateTime, DateTime.SpecifyKind(r.At, DateTimeKind.Utc));
        });
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WhenTheHostStopsThenEveryQueuedRowIsWrittenAndLaterOnesStill(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = Services(database);
        var writer = services.GetRequiredService<AuditWriter>();
        await writer.StartAsync(CancellationToken.None);

        // Queued, not awaited: the stop below finds them waiting.
        var queued = Enumerable.Range(0, 300).Select(i => ViewAsync(services, Entry("queued-" + i))).ToList();
        await writer.StopAsync(CancellationToken.None);

        // Stored by the time the writer has stopped (the callers' continuations may still be on their way).
        await using var db = database.Context();
        Assert.Equal(300, await db.Set<AuditRecord>().CountAsync(r => r.Outcome.StartsWith("queued-")));
        await Task.WhenAll(queued);

        await ViewAsync(services, Entry("after-stop"));
        Assert.Equal(1, await db.Set<AuditRecord>().CountAsync(r => r.Outcome == "after-stop"));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task WhenOneRowCannotBeStoredThenOnlyItsCallerFails(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = Services(database);
        var writer = services.GetRequiredService<AuditWriter>();
        await writer.StartAsync(CancellationToken.None);

        var good = Enumerable.Range(0, 40).Select(i => ViewAsync(services, Entry("good-" + i))).ToList();
        // The action column is NOT NULL: this row fails in the database, whichever batch it lands in.
        var bad = ViewAsync(services, new AuditEntry(null!, "bad", null, null, "192.0.2.7", null));
        good.AddRange(Enumerable.Range(40, 40).Select(i => ViewAsync(services, Entry("good-" + i))));

        await Assert.ThrowsAsync<DbUpdateException>(() => bad);
        await Task.WhenAll(good);
        await writer.StopAsync(CancellationToken.None);
        await using var db = database.Context();
        Assert.Equal(80, await db.Set<AuditRecord>().CountAsync(r => r.Outcome.StartsWith("good-")));
        Assert.Equal(0, await db.Set<AuditRecord>().CountAsync(r => r.Outcome == "bad"));
    }

    private static AuditEntry Entry(string outcome) => new("coverage-view", outcome, "A123456789", "A12****789", "192.0.2.7", "test");

    /// <summary>One request's view: its own scope, its own audit service, the one shared writer.</summary>
    private static async Task ViewAsync(ServiceProvider services, AuditEntry entry)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditService>().RecordViewAsync(entry, CancellationToken.None);
    }

    private ServiceProvider Services(TestDatabase database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Settings.Provider.ToString(),
            ["ConnectionStrings:Laobao"] = database.Settings.ConnectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLaobaoDatabase(configuration);
        services.AddSingleton<TimeProvider>(time);
        // The audit service counts what it records on Laobao's meters, as in the host.
        services.AddMetrics();
        services.AddSingleton<Laobao.Web.Operations.Telemetry.OutboxGauge>();
        services.AddSingleton<Laobao.Web.Operations.Telemetry.LaobaoMeters>();
        services.AddScoped<AuditService>();
        services.AddSingleton<AuditWriter>();
        return services.BuildServiceProvider();
    }
}
