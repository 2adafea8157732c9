using System.Threading.Channels;
using Laobao.Domain.Salary;
using Laobao.Web.Data;
using Laobao.Web.Data.Bulk;

namespace Laobao.Ops.Seed;

internal sealed record SeedResult(long Persons, long Units, long Events, long Segments, long Contributions, long Earnings)
{
    public long Rows => Persons + Units + Events + Segments + Contributions + Earnings;
}

/// <summary>
/// Writes a <see cref="SyntheticPopulation"/> through the bulk paths (binary COPY on PostgreSQL, prepared
/// inserts in large transactions on SQLite). One thread builds the next slice while the other writes the
/// current one, which is what two cores allow.
/// </summary>
internal sealed class Seeder(DatabaseSettings settings)
{
    public const int ChunkSize = 5000;

    public async Task<SeedResult> RunAsync(SeedPlan plan, Action<long, long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var population = new SyntheticPopulation(plan, SalaryGradeTables.Default);
        await using var store = await RecordStore.OpenAsync(settings, cancellationToken).ConfigureAwait(false);
        if (await store.CountAsync(RecordTables.Persons, cancellationToken).ConfigureAwait(false) > 0
            || await store.CountAsync(RecordTables.Units, cancellationToken).ConfigureAwait(false) > 0)
        {
            throw new OpsUsageException("the store already holds persons or units; seed fills an empty store (create a new database, then laobao db migrate)");
        }

        // PostgreSQL loads everything in one transaction (foreign keys and secondary indexes are rebuilt once at
        // the end; a failure leaves the store as it was). SQLite commits slice by slice to keep its WAL small.
        var single = store.Provider == DatabaseProvider.Postgres;
        IReadOnlyList<BulkTable> tables =
        [
            RecordTables.Persons, RecordTables.Units, RecordTables.CoverageEvents, RecordTables.CoverageSegments,
            RecordTables.PensionContributions, RecordTables.PensionEarnings,
        ];
        if (single)
        {
            await store.BeginAsync(cancellationToken).ConfigureAwait(false);
        }

        var restore = await store.BeginBulkLoadAsync(tables, cancellationToken).ConfigureAwait(false);
        if (!single)
        {
            await store.BeginAsync(cancellationToken).ConfigureAwait(false);
        }

        await store.InsertAsync(RecordTables.Units, population.Units(), cancellationToken).ConfigureAwait(false);
        if (!single)
        {
            await store.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        var channel = Channel.CreateBounded<SeedChunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    for (var first = 0; first < plan.Persons; first += ChunkSize)
                    {
                        var chunk = population.Build(first, Math.Min(ChunkSize, plan.Persons - first));
                        await channel.Writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                    }

                    channel.Writer.Complete();
                }
#pragma warning disable CA1031 // Handed to the reader, which rethrows it on the caller's thread.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    channel.Writer.Complete(e);
                }
            },
            cancellationToken);

        long persons = 0, events = 0, segments = 0, contributions = 0, earnings = 0;
        await foreach (var chunk in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!single)
            {
                await store.BeginAsync(cancellationToken).ConfigureAwait(false);
            }

            await store.InsertAsync(RecordTables.Persons, chunk.Persons, cancellationToken).ConfigureAwait(false);
            await store.InsertAsync(RecordTables.CoverageEvents, chunk.Events, cancellationToken).ConfigureAwait(false);
            await store.InsertAsync(RecordTables.CoverageSegments, chunk.Segments, cancellationToken).ConfigureAwait(false);
            await store.InsertAsync(RecordTables.PensionContributions, chunk.Contributions, cancellationToken).ConfigureAwait(false);
            await store.InsertAsync(RecordTables.PensionEarnings, chunk.Earnings, cancellationToken).ConfigureAwait(false);
            if (!single)
            {
                await store.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            persons += chunk.Persons.Count;
            events += chunk.Events.Count;
            segments += chunk.Segments.Count;
            contributions += chunk.Contributions.Count;
            earnings += chunk.Earnings.Count;
            progress?.Invoke(persons, persons + events + segments + contributions + earnings);
        }

        await producer.ConfigureAwait(false);
        await restore().ConfigureAwait(false);
        if (single)
        {
            await store.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return new SeedResult(persons, plan.Units, events, segments, contributions, earnings);
    }
}
