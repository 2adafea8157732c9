using System.Globalization;
using Laobao.Ops.Seed;
using Laobao.Web.Data;
using Laobao.Web.Data.Bulk;
using Laobao.Web.Data.Coverage;

namespace Laobao.Ops.Tests.Import;

/// <summary>
/// The real <c>laobao import</c> as a child process, killed with SIGKILL while it writes (on each provider, see the
/// sealed subclasses): the store keeps whole batches only, and running the same command again ends exactly where
/// one uninterrupted run ends — counts, every table, derived segments, the rejects and warnings files.
/// </summary>
public abstract class KilledImportTests(TestStores stores)
{
    private const int BatchSize = 100;

    private static readonly string Stranger = SyntheticIds.NationalId('F', false, 1234567);

    [Theory]
    [InlineData("coverage-events")]
    [InlineData("pension-contributions")]
    public async Task A_killed_import_leaves_whole_batches_and_its_re_run_ends_with_the_totals_of_one_uninterrupted_run(string kind)
    {
        var table = SeedCsvWriter.Files.Single(f => f.Kind == kind).Table;
        var source = Directory.CreateTempSubdirectory("laobao-killed-import-").FullName;
        try
        {
            // Big enough (about 24,000 rows, 240 batches) that the import is still writing when the poll below sees
            // its third batch: with 400 persons a fast import finished between two polls.
            await SeedCsvWriter.WriteAsync(new SeedPlan(1500, 13, SeedCommand.DefaultAsOf, 24), source, CancellationToken.None);
            var lines = WithRejectedRows(await File.ReadAllLinesAsync(SeedCsvWriter.PathFor(source, kind)));
            var fileRows = lines.Skip(1).Select(l => AsDumpLine(table, l)).ToList();

            // One uninterrupted run of the real command.
            using var reference = await StoreWithPersonsAndUnitsAsync(source);
            var referenceFile = reference.Write(kind + ".csv", lines);
            var straight = await RunToEndAsync(reference.Settings, referenceFile, kind);
            Assert.Equal(ExitCodes.SomeRowsRejected, straight.ExitCode);
            var straightCounts = ImportHarness.CountsOf(straight.Output);
            Assert.Equal(3, straightCounts.Rejected);
            var referenceDump = await ImportHarness.DumpAsync(reference.Settings);
            var referenceRows = referenceDump.Where(l => l.StartsWith(table.Name + ":", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(straightCounts.Accepted, referenceRows.Count);

            // The same command on a second store, killed once the store shows that more than two batches committed.
            // On a crowded machine the test process can be descheduled for the whole of the child's run, so the kill
            // may land only after the import finished: such an attempt proves nothing either way and is made again on
            // a fresh store (at most three times), never counted as a pass.
            ImportHarness? killedStore = null;
            string? file = null;
            var tooLate = new List<string>();
            for (var attempt = 1; attempt <= 3 && killedStore is null; attempt++)
            {
                var store = await StoreWithPersonsAndUnitsAsync(source);
                var attemptFile = store.Write(kind + ".csv", lines);
                var late = await KillMidFileAsync(store, attemptFile, kind, table, referenceRows.Count);
                if (late is null)
                {
                    killedStore = store;
                    file = attemptFile;
                }
                else
                {
                    tooLate.Add($"attempt {attempt}: {late}");
                    store.Dispose();
                }
            }

            if (killedStore is null || file is null)
            {
                Assert.Fail($"the import of {kind} finished before the kill in every attempt, so no killed run could be checked: {string.Join(" | ", tooLate)}");
                return;
            }

            using var killedStoreScope = killedStore;
            var afterKill = await ImportHarness.DumpAsync(killedStore.Settings);
            var committed = afterKill.Where(l => l.StartsWith(table.Name + ":", StringComparison.Ordinal)).ToList();
            Assert.InRange(committed.Count, 2 * BatchSize + 1, referenceRows.Count - 1);
            AssertWholeBatches(committed, referenceRows, fileRows);
            AssertSegmentsAreDerivedFromTheEvents(afterKill);

            // The same command again completes the file: what the killed run committed counts as unchanged.
            var rerun = await RunToEndAsync(killedStore.Settings, file, kind);
            Assert.Equal(straight.ExitCode, rerun.ExitCode);
            var rerunCounts = ImportHarness.CountsOf(rerun.Output);
            Assert.Equal(committed.Count, rerunCounts.Unchanged);
            Assert.Equal(straightCounts.Accepted, rerunCounts.Accepted + committed.Count);
            Assert.Equal(straightCounts.Rejected, rerunCounts.Rejected);

            var final = await ImportHarness.DumpAsync(killedStore.Settings);
            Assert.Equal(TableCounts(referenceDump), TableCounts(final));
            Assert.Equal(referenceDump, final);
            AssertSegmentsAreDerivedFromTheEvents(final);
            Assert.Equal(await File.ReadAllTextAsync(referenceFile + ".rejects.csv"), await File.ReadAllTextAsync(file + ".rejects.csv"));
            Assert.Equal(File.Exists(referenceFile + ".warnings.csv"), File.Exists(file + ".warnings.csv"));
            if (File.Exists(file + ".warnings.csv"))
            {
                Assert.Equal(await File.ReadAllTextAsync(referenceFile + ".warnings.csv"), await File.ReadAllTextAsync(file + ".warnings.csv"));
            }
        }
        finally
        {
            Directory.Delete(source, recursive: true);
        }
    }

    /// <summary>
    /// Batches end after every <see cref="BatchSize"/> data rows (the file has no repeated keys), so the committed
    /// rows must be exactly the accepted rows of the file's first whole batches: nothing from a later batch, no gap.
    /// </summary>
    private static void AssertWholeBatches(List<string> committed, HashSet<string> accepted, List<string> fileRows)
    {
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fileRows.Count; i++)
        {
            position.TryAdd(fileRows[i], i);
        }

        Assert.All(committed, row => Assert.Contains(row, accepted));
        var end = (committed.Max(row => position[row]) / BatchSize + 1) * BatchSize;
        var expected = fileRows.Take(end).Where(accepted.Contains).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, committed.Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>Every person's stored segments are the replay of that person's stored events, no more, no fewer.</summary>
    private static void AssertSegmentsAreDerivedFromTheEvents(List<string> dump)
    {
        const string Events = "coverage_events:";
        var derived = dump
            .Where(l => l.StartsWith(Events, StringComparison.Ordinal))
            .Select(l => l[Events.Length..].Split('|'))
            .GroupBy(f => f[0], StringComparer.Ordinal)
            .SelectMany(person => CoverageTimeline.Replay(person.Select(f => new TimelineEvent(
                    f[1], f[2], DateOnly.ParseExact(f[3], "yyyy-MM-dd", CultureInfo.InvariantCulture), f[4],
                    f[5] == "∅" ? null : int.Parse(f[5], CultureInfo.InvariantCulture)))).Segments
                .Select(s => "coverage_segments:" + string.Join('|', person.Key, s.UnitCode, s.Kind, Day(s.PeriodStart), Day(s.PeriodEnd),
                    Day(s.SegmentStart), Day(s.SegmentEnd), s.InsuredSalary.ToString(CultureInfo.InvariantCulture))))
            .Order(StringComparer.Ordinal)
            .ToList();
        var stored = dump.Where(l => l.StartsWith("coverage_segments:", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(derived, stored);

        static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "∅";
    }

    /// <summary>Three rows the import must reject whatever the store holds, near the start, in the middle and at the end.</summary>
    private static string[] WithRejectedRows(string[] lines)
    {
        var header = lines[0].Split(',');
        var id = Array.IndexOf(header, "id_number");
        var unit = Array.IndexOf(header, "unit_code");
        string Changed(string line, int column, string value)
        {
            var fields = line.Split(',');
            fields[column] = value;
            return string.Join(',', fields);
        }

        var result = lines.ToList();
        result.Insert(result.Count - 1, lines[^1] + ",stray");
        result.Insert(result.Count / 2, Changed(lines[result.Count / 2], unit, "999999999"));
        result.Insert(2, Changed(lines[1], id, Stranger));
        return [.. result];
    }

    /// <summary>A file row as <see cref="ImportHarness.DumpAsync"/> prints the stored row (months are stored as their first day).</summary>
    private static string AsDumpLine(BulkTable table, string line)
    {
        var fields = line.Split(',');
        var values = fields.Select((value, i) => value.Length == 0 ? "∅"
            : i < table.Columns.Count && table.Columns[i].Type == BulkType.Date && value.Length == 7 ? value + "-01"
            : value);
        return table.Name + ":" + string.Join('|', values);
    }

    private static Dictionary<string, int> TableCounts(List<string> dump) =>
        dump.GroupBy(l => l[..l.IndexOf(':', StringComparison.Ordinal)], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static async Task<long> CountAsync(DatabaseSettings settings, BulkTable table)
    {
        await using var store = await RecordStore.OpenAsync(settings);
        return await store.CountAsync(table);
    }

    private static async Task<OpsRun> RunToEndAsync(DatabaseSettings settings, string file, string kind)
    {
        using var child = LaobaoProcess.Start(settings, Path.GetDirectoryName(file)!, "import", kind, file, "--batch-size", BatchSize.ToString(CultureInfo.InvariantCulture));
        var run = await child.WaitAsync();
        Assert.True(run.Error.Length == 0, run.Error);
        return run;
    }

    /// <summary>
    /// Starts the import and SIGKILLs it once more than two batches are in the store. Null when the kill landed
    /// mid-file; otherwise why the attempt came too late (the child had ended or had already printed its totals).
    /// </summary>
    private static async Task<string?> KillMidFileAsync(ImportHarness store, string file, string kind, BulkTable table, int allRows)
    {
        using var child = LaobaoProcess.Start(store.Settings, Path.GetDirectoryName(file)!, "import", kind, file, "--batch-size", BatchSize.ToString(CultureInfo.InvariantCulture));
        // A hang guard, not a timing check: a child that neither commits nor ends fails the test with a reason.
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (!child.HasExited && await CountAsync(store.Settings, table) <= 2 * BatchSize)
        {
            if (DateTime.UtcNow > deadline)
            {
                child.KillHard();
                Assert.Fail($"the import of {kind} neither committed more than {2 * BatchSize} rows nor ended within ten minutes");
            }

            await Task.Delay(10);
        }

        if (child.HasExited)
        {
            var ended = await child.WaitAsync();
            return $"the import ended before it could be killed (exit {ended.ExitCode}): {ended.Output}{ended.Error}";
        }

        child.KillHard();
        var killed = await child.WaitAsync();
        if (killed.Output.Contains(" accepted (", StringComparison.Ordinal))
        {
            return $"the import had printed its totals before the kill: {killed.Output}";
        }

        var stored = await CountAsync(store.Settings, table);
        return stored >= allRows ? $"every one of the {allRows} rows was committed before the kill" : null;
    }

    private async Task<ImportHarness> StoreWithPersonsAndUnitsAsync(string source)
    {
        var harness = new ImportHarness(await stores.NewStoreAsync());
        foreach (var kind in new[] { "persons", "units" })
        {
            var file = harness.Write(kind + ".csv", await File.ReadAllLinesAsync(SeedCsvWriter.PathFor(source, kind)));
            Assert.Equal(ExitCodes.Ok, await harness.ImportAsync(kind, file));
        }

        return harness;
    }
}

public sealed class SqliteKilledImportTests(SqliteStores stores) : KilledImportTests(stores), IClassFixture<SqliteStores>;

public sealed class PostgresKilledImportTests(PostgresStores stores) : KilledImportTests(stores), IClassFixture<PostgresStores>;
