using Laobao.Web.Data.Bulk;

namespace Laobao.Ops.Import.Kinds;

/// <summary><c>units</c>: unit_code, name, name_latin.</summary>
internal sealed class UnitsImport : ImportKind
{
    public override string Name => "units";

    public override BulkTable Table => RecordTables.Units;

    public override IReadOnlyList<string> RequiredColumns => ["unit_code", "name"];

    public override IReadOnlyList<string> OptionalColumns => ["name_latin"];

    public override string? Parse(ImportFields fields, ImportRow row)
    {
        var code = fields["unit_code"];
        var error = FieldRules.UnitCode("unit_code", code)
            ?? FieldRules.Required("name", fields["name"])
            ?? FieldRules.Text("name", fields["name"], 200)
            ?? FieldRules.Text("name_latin", fields["name_latin"], 200);
        if (error is not null)
        {
            return error;
        }

        row.Values = [code, fields["name"], fields["name_latin"]];
        row.Key = code!;
        return null;
    }

    public override async Task ApplyAsync(RecordStore store, IReadOnlyList<ImportRow> batch, BatchOutcome outcome, CancellationToken cancellationToken)
    {
        var keys = batch.Select(r => r.Key).ToList();
        var existing = (await store.SelectWhereInAsync(Table, "unit_code", keys, cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => (string)r[0]!, StringComparer.Ordinal);
        await UpsertChangedAsync(store, Table, batch, existing, v => (string)v[0]!, outcome, cancellationToken).ConfigureAwait(false);
    }
}
