using System.Globalization;
using Laobao.Web.Data.Bulk;

namespace Laobao.Ops.Import.Kinds;

/// <summary><c>pension-earnings</c>: id_number, year, amount (credited earnings; a loss year is negative).</summary>
internal sealed class PensionEarningsImport(TimeProvider time) : ImportKind
{
    private readonly ImportDay day = new(time);

    public override string Name => "pension-earnings";

    public override BulkTable Table => RecordTables.PensionEarnings;

    public override IReadOnlyList<string> RequiredColumns => ["id_number", "year", "amount"];

    public override string? Parse(ImportFields fields, ImportRow row)
    {
        var error = FieldRules.IdNumber("id_number", fields["id_number"], out var id);
        if (error is not null)
        {
            return error;
        }

        var yearText = fields["year"];
        var thisYear = day.Today.Year;
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2005 || year > thisYear)
        {
            return string.Create(CultureInfo.InvariantCulture, $"year '{yearText}' is not a year from 2005 to {thisYear}");
        }

        var amountText = fields["amount"];
        if (!long.TryParse(amountText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount)
            || Math.Abs(amount) > 100_000_000)
        {
            return $"amount '{amountText}' is not a whole number of NT$ (digits, optional minus sign)";
        }

        row.Values = [id.Value, year, amount];
        row.Key = JoinKey(id.Value, year);
        return null;
    }

    public override async Task ApplyAsync(RecordStore store, IReadOnlyList<ImportRow> batch, BatchOutcome outcome, CancellationToken cancellationToken)
    {
        var ids = batch.Select(r => (string)r.Values[0]!).Distinct(StringComparer.Ordinal).ToList();
        var persons = (await store.SelectWhereInAsync(RecordTables.Persons, "id_number", ids, cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => (string)r[0]!, StringComparer.Ordinal);
        var existing = (await store.SelectWhereInAsync(Table, "id_number", ids, cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => JoinKey(r[0], r[1]), StringComparer.Ordinal);

        var valid = new List<ImportRow>();
        foreach (var row in batch)
        {
            var year = (int)row.Values[1]!;
            var reason = PensionRules.CheckPerson(persons, (string)row.Values[0]!, new DateOnly(year, 12, 1));
            if (reason is null)
            {
                valid.Add(row);
            }
            else
            {
                outcome.Reject(row, reason);
            }
        }

        await UpsertChangedAsync(store, Table, valid, existing, v => JoinKey(v[0], v[1]), outcome, cancellationToken).ConfigureAwait(false);
    }
}
