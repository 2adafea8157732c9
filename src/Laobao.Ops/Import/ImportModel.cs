using Laobao.Web.Data.Bulk;

namespace Laobao.Ops.Import;

/// <summary>One data row of the file: where it was, what it said, and what it parsed to.</summary>
internal sealed class ImportRow(long line, string[] raw)
{
    public long Line { get; } = line;

    public string[] Raw { get; } = raw;

    /// <summary>The row as a <see cref="BulkTable"/> row of the kind's table, once parsed.</summary>
    public object?[] Values { get; set; } = [];

    /// <summary>The natural key, joined; two rows with one key never share a batch.</summary>
    public string Key { get; set; } = string.Empty;

    public List<string>? Warnings { get; set; }

    public void Warn(string message) => (Warnings ??= []).Add(message);
}

/// <summary>
/// The day an import checks "not in the future" against: read from the clock once per run, because asking the
/// clock (and the time zone) for every row cost about a tenth of an import's time. A run that crosses midnight
/// judges all its rows by the day it started.
/// </summary>
internal sealed class ImportDay(TimeProvider time)
{
    private DateOnly? today;

    public DateOnly Today => today ??= DateOnly.FromDateTime(time.GetLocalNow().Date);
}

/// <summary>The named columns of the current row; empty cells read as null.</summary>
internal sealed class ImportFields(IReadOnlyDictionary<string, int> ordinals)
{
    private string[] values = [];

    public void Load(string[] row) => values = row;

    public string? this[string column] =>
        ordinals.TryGetValue(column, out var i) && i < values.Length && !string.IsNullOrWhiteSpace(values[i])
            ? values[i].Trim()
            : null;
}

/// <summary>What one batch did: counts, and the rows it turned away with their reasons.</summary>
internal sealed class BatchOutcome
{
    public long Inserted { get; set; }

    public long Updated { get; set; }

    public long Unchanged { get; set; }

    public List<(ImportRow Row, string Reason)> Rejects { get; } = [];

    public void Reject(ImportRow row, string reason) => Rejects.Add((row, reason));
}

/// <summary>One file kind of SPEC §3: its columns, row validation, and how a batch lands in the store.</summary>
internal abstract class ImportKind
{
    public abstract string Name { get; }

    public abstract BulkTable Table { get; }

    /// <summary>Columns the header must have.</summary>
    public abstract IReadOnlyList<string> RequiredColumns { get; }

    /// <summary>Columns the header may leave out (read as empty).</summary>
    public virtual IReadOnlyList<string> OptionalColumns => [];

    /// <summary>Validates one row on its own; returns the reason it is rejected, or null and fills <see cref="ImportRow.Values"/>.</summary>
    public abstract string? Parse(ImportFields fields, ImportRow row);

    /// <summary>Checks the batch against the store (references, history) and writes what is new or changed.</summary>
    public abstract Task ApplyAsync(RecordStore store, IReadOnlyList<ImportRow> batch, BatchOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Where record alerts go (SPEC §12); null when the import runs with alerts off.</summary>
    public ImportAlerts? Alerts { get; set; }

    /// <summary>Work after the last batch, in its own transaction (the pension-month alerts of a whole file).</summary>
    public virtual Task CompleteAsync(RecordStore store, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Rows whose every column matches a stored row count as unchanged; the others are upserted.</summary>
    protected static async Task UpsertChangedAsync(
        RecordStore store, BulkTable table, IReadOnlyList<ImportRow> rows, Dictionary<string, object?[]> existing,
        Func<object?[], string> keyOf, BatchOutcome outcome, CancellationToken cancellationToken)
    {
        var inserted = new List<object?[]>();
        var updated = new List<object?[]>();
        foreach (var row in rows)
        {
            if (existing.TryGetValue(keyOf(row.Values), out var stored))
            {
                if (SameValues(stored, row.Values))
                {
                    outcome.Unchanged++;
                }
                else
                {
                    updated.Add(row.Values);
                }
            }
            else
            {
                inserted.Add(row.Values);
            }
        }

        await WriteAsync(store, table, inserted, updated, outcome, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// New rows go in through the plain bulk insert (binary COPY, prepared INSERT); only changed rows take the
    /// slower upsert. The batch read the keys inside its own transaction, so "new" is known; another import
    /// writing the same keys at once makes the batch fail on the primary key rather than lose a row.
    /// </summary>
    protected static async Task WriteAsync(
        RecordStore store, BulkTable table, List<object?[]> inserted, List<object?[]> updated, BatchOutcome outcome, CancellationToken cancellationToken)
    {
        outcome.Inserted += inserted.Count;
        outcome.Updated += updated.Count;
        if (inserted.Count > 0)
        {
            await store.InsertAsync(table, inserted, cancellationToken).ConfigureAwait(false);
        }

        if (updated.Count > 0)
        {
            await store.UpsertAsync(table, updated, cancellationToken).ConfigureAwait(false);
        }
    }

    protected static bool SameValues(object?[] a, object?[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (!Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    protected static string JoinKey(params object?[] parts) => string.Join('|', parts.Select(p => p switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => p?.ToString() ?? string.Empty,
    }));
}
