using System.Globalization;
using System.Text;
using Laobao.Ops.Import;
using Laobao.Web.Data.Bulk;

namespace Laobao.Ops.Seed;

/// <summary>
/// Writes a synthetic population as the five bureau files of SPEC §3 (for <c>laobao seed --csv DIR</c>, the
/// import tests and the import benchmark), streaming slice by slice.
/// </summary>
internal static class SeedCsvWriter
{
    public static readonly IReadOnlyList<(string Kind, BulkTable Table)> Files =
    [
        ("persons", RecordTables.Persons),
        ("units", RecordTables.Units),
        ("coverage-events", RecordTables.CoverageEvents),
        ("pension-contributions", RecordTables.PensionContributions),
        ("pension-earnings", RecordTables.PensionEarnings),
    ];

    public static string PathFor(string folder, string kind) => Path.Combine(folder, kind + ".csv");

    public static async Task<long> WriteAsync(SeedPlan plan, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var population = new SyntheticPopulation(plan, Domain.Salary.SalaryGradeTables.Default);
        var writers = Files.ToDictionary(f => f.Kind, f => new StreamWriter(PathFor(folder, f.Kind), false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" });
        long rows = 0;
        try
        {
            foreach (var (kind, table) in Files)
            {
                await writers[kind].WriteLineAsync(string.Join(',', table.Columns.Select(c => c.Name))).ConfigureAwait(false);
            }

            rows += await WriteRowsAsync(writers["units"], population.Units(), month: false).ConfigureAwait(false);
            for (var first = 0; first < plan.Persons; first += Seeder.ChunkSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = population.Build(first, Math.Min(Seeder.ChunkSize, plan.Persons - first));
                rows += await WriteRowsAsync(writers["persons"], chunk.Persons, month: false).ConfigureAwait(false);
                rows += await WriteRowsAsync(writers["coverage-events"], chunk.Events, month: false).ConfigureAwait(false);
                rows += await WriteRowsAsync(writers["pension-contributions"], chunk.Contributions, month: true).ConfigureAwait(false);
                rows += await WriteRowsAsync(writers["pension-earnings"], chunk.Earnings, month: false).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var writer in writers.Values)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }

        return rows;
    }

    private static async Task<long> WriteRowsAsync(StreamWriter writer, IEnumerable<object?[]> rows, bool month)
    {
        long count = 0;
        foreach (var row in rows)
        {
            await writer.WriteLineAsync(ReportFiles.Join(row.Select(v => v switch
            {
                null => string.Empty,
                DateOnly d => d.ToString(month ? "yyyy-MM" : "yyyy-MM-dd", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString() ?? string.Empty,
            }))).ConfigureAwait(false);
            count++;
        }

        return count;
    }
}
