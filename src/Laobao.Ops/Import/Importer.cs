using System.Text;
using System.Threading.Channels;
using Laobao.Domain.Salary;
using Laobao.Ops.Import.Kinds;
using Laobao.Web.Data;
using Laobao.Web.Data.Bulk;
using Sylvan.Data.Csv;

namespace Laobao.Ops.Import;

/// <summary>How an import runs.</summary>
internal sealed record ImportOptions(bool DryRun = false, int BatchSize = 5000, bool Alerts = true);

internal sealed record ImportResult(long Accepted, long Updated, long Unchanged, long Rejected, long Warnings, string RejectsPath, string WarningsPath)
{
    public long Rows => Accepted + Unchanged + Rejected;
}

/// <summary>The file cannot be imported at all (missing, unreadable, wrong header): exit code 1.</summary>
internal sealed class ImportFileException(string message) : Exception(message)
{
    public ImportFileException()
        : this("the file cannot be imported")
    {
    }

    public ImportFileException(string message, Exception innerException)
        : this(message + ": " + innerException?.Message)
    {
    }
}

/// <summary>
/// Streams a CSV file through one <see cref="ImportKind"/>: rows are read one at a time, validated, grouped in
/// batches, and each batch is checked against the store and written in its own transaction. A crash leaves
/// whole batches behind; a re-run finds them unchanged and completes the rest.
/// </summary>
internal sealed class Importer(DatabaseSettings settings, TimeProvider time)
{
    public static IReadOnlyList<string> KindNames { get; } =
        ["persons", "units", "coverage-events", "pension-contributions", "pension-earnings"];

    public ImportKind? KindFor(string name) => name switch
    {
        "persons" => new PersonsImport(time),
        "units" => new UnitsImport(),
        "coverage-events" => new CoverageEventsImport(time, SalaryGradeTables.Default),
        "pension-contributions" => new PensionContributionsImport(time, SalaryGradeTables.Default),
        "pension-earnings" => new PensionEarningsImport(time),
        _ => null,
    };

    public async Task<ImportResult> RunAsync(
        ImportKind kind, string path, ImportOptions options, IImportProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        if (!File.Exists(path))
        {
            throw new ImportFileException($"file '{path}' does not exist");
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        await using var fileScope = file.ConfigureAwait(false);
        using var text = new StreamReader(file, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
        var csvOptions = new CsvDataReaderOptions
        {
            HasHeaders = true,
            CsvStyle = CsvStyle.Lax,
            HeaderComparer = StringComparer.OrdinalIgnoreCase,
        };
        CsvDataReader reader;
        try
        {
            reader = await CsvDataReader.CreateAsync(text, csvOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            throw new ImportFileException($"file '{path}' is not UTF-8 text");
        }

        await using var readerScope = reader.ConfigureAwait(false);
        var header = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).Trim()).ToArray();
        var ordinals = MapHeader(kind, header, path);

        await using var store = await RecordStore.OpenAsync(settings, cancellationToken).ConfigureAwait(false);
        kind.Alerts = options.Alerts ? new ImportAlerts(time) : null;
        var reports = new ReportFiles(path, header);
        await using var reportsScope = reports.ConfigureAwait(false);
        long accepted = 0, updated = 0, unchanged = 0, rejected = 0;

        if (options.DryRun)
        {
            // One transaction for the whole file, rolled back: later rows still see what earlier rows would add.
            await store.BeginAsync(cancellationToken).ConfigureAwait(false);
        }

        // The file is read and validated one batch ahead of the store: while the database writes batch N, the next
        // core parses batch N+1. At most three batches are in memory (one written, one waiting, one being read).
        var ready = Channel.CreateBounded<ParsedBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(
            () => ReadBatchesAsync(kind, reader, file, header, ordinals, path, options.BatchSize, ready.Writer, progress, stopReading.Token),
            CancellationToken.None);
        try
        {
            await foreach (var parsed in ready.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = new BatchOutcome();
                if (parsed.Rows.Count > 0)
                {
                    if (!options.DryRun)
                    {
                        await store.BeginAsync(cancellationToken).ConfigureAwait(false);
                    }

                    await kind.ApplyAsync(store, parsed.Rows, outcome, cancellationToken).ConfigureAwait(false);
                    if (!options.DryRun)
                    {
                        await store.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                outcome.Rejects.AddRange(parsed.Rejects);
                var rejectedLines = outcome.Rejects.Select(r => r.Row.Line).ToHashSet();
                await reports.WriteAsync(outcome.Rejects, parsed.Rows.Where(r => r.Warnings is not null && !rejectedLines.Contains(r.Line))).ConfigureAwait(false);
                accepted += outcome.Inserted + outcome.Updated;
                updated += outcome.Updated;
                unchanged += outcome.Unchanged;
                rejected += outcome.Rejects.Count;
            }
        }
        finally
        {
            // A failed batch stops the reader too (it never throws: its failure ends the channel and surfaced above).
            await stopReading.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
        }

        if (options.DryRun)
        {
            await kind.CompleteAsync(store, cancellationToken).ConfigureAwait(false);
            await store.RollbackAsync().ConfigureAwait(false);
        }
        else
        {
            await store.BeginAsync(cancellationToken).ConfigureAwait(false);
            await kind.CompleteAsync(store, cancellationToken).ConfigureAwait(false);
            await store.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await reports.CompleteAsync().ConfigureAwait(false);
        return new ImportResult(accepted, updated, unchanged, rejected, reports.Warnings, reports.RejectsPath, reports.WarningsPath);
    }

    /// <summary>Rows that passed the row checks, and the rows read with them that did not.</summary>
    private sealed record ParsedBatch(List<ImportRow> Rows, List<(ImportRow Row, string Reason)> Rejects);

    /// <summary>
    /// Reads and validates the file row by row into batches for the writer. A natural key seen twice closes the batch
    /// early, so the later row is checked against the earlier one once that is stored. Ends the channel with the
    /// reading error, if any, after every batch before it: those still get imported.
    /// </summary>
    private static async Task ReadBatchesAsync(
        ImportKind kind, CsvDataReader reader, FileStream file, string[] header, Dictionary<string, int> ordinals, string path, int batchSize,
        ChannelWriter<ParsedBatch> ready, IImportProgress progress, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            var fields = new ImportFields(ordinals);
            var batch = new List<ImportRow>(batchSize);
            var rejects = new List<(ImportRow Row, string Reason)>();
            var keys = new HashSet<string>(StringComparer.Ordinal);
            long rows = 0;
            var line = 2L;

            async Task HandOverAsync()
            {
                await ready.WriteAsync(new ParsedBatch(batch, rejects), cancellationToken).ConfigureAwait(false);
                batch = new List<ImportRow>(batchSize);
                rejects = [];
                keys.Clear();
            }

            while (await ReadAsync(reader, path, line, cancellationToken).ConfigureAwait(false))
            {
                var raw = new string[reader.RowFieldCount];
                for (var i = 0; i < raw.Length; i++)
                {
                    raw[i] = reader.GetString(i);
                }

                var row = new ImportRow(line, raw);
                line += Math.Max(1, reader.GetRawRecordSpan().Count('\n'));
                if (raw.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                rows++;
                fields.Load(raw);
                var reason = raw.Length > header.Length
                    ? $"the row has {raw.Length} fields but the header has {header.Length}"
                    : kind.Parse(fields, row);
                if (reason is not null)
                {
                    rejects.Add((row, reason));
                }
                else
                {
                    if (!keys.Add(row.Key))
                    {
                        await HandOverAsync().ConfigureAwait(false);
                        keys.Add(row.Key);
                    }

                    batch.Add(row);
                }

                if (batch.Count + rejects.Count >= batchSize)
                {
                    await HandOverAsync().ConfigureAwait(false);
                }

                if ((rows & 0x3FF) == 0)
                {
                    progress.Report(rows, file.Position, file.Length);
                }
            }

            await HandOverAsync().ConfigureAwait(false);
            progress.Report(rows, file.Length, file.Length);
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        ready.TryComplete(failure);
    }

    private static async Task<bool> ReadAsync(CsvDataReader reader, string path, long line, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            throw new ImportFileException($"{path}: the text from about line {line} on is not UTF-8; the batches before it were imported");
        }
    }

    private static Dictionary<string, int> MapHeader(ImportKind kind, string[] header, string path)
    {
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].ToLowerInvariant();
            if (name.Length > 0 && !ordinals.TryAdd(name, i))
            {
                throw new ImportFileException($"{path}: column '{name}' appears twice in the header");
            }
        }

        var missing = kind.RequiredColumns.Where(c => !ordinals.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new ImportFileException(
                $"{path}: the header lacks {string.Join(", ", missing)} (a {kind.Name} file has {string.Join(", ", kind.RequiredColumns.Concat(kind.OptionalColumns))})");
        }

        return ordinals;
    }
}
