namespace Laobao.Web.Data.Bulk;

public enum BulkType
{
    Text,
    Date,
    Int,
    Long,
}

public sealed record BulkColumn(string Name, BulkType Type);

/// <summary>A table as the bulk paths see it: column order of every row array, and the natural key.</summary>
public sealed record BulkTable(string Name, IReadOnlyList<BulkColumn> Columns, IReadOnlyList<string> Key)
{
    public int Ordinal(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentException($"table {Name} has no column {column}", nameof(column));
    }
}

/// <summary>
/// The records tables for the bulk paths (import, seed, benchmarks). They mirror the EF model in
/// <see cref="LaobaoDbContext"/>; the tests write through these and read back through EF on both providers.
/// </summary>
public static class RecordTables
{
    public static readonly BulkTable Persons = new(
        "persons",
        [
            new("id_number", BulkType.Text), new("name", BulkType.Text), new("name_latin", BulkType.Text),
            new("birth_date", BulkType.Date), new("nationality", BulkType.Text), new("residence", BulkType.Text),
            new("pension_scheme", BulkType.Text), new("pension_since", BulkType.Date),
        ],
        ["id_number"]);

    public static readonly BulkTable Units = new(
        "insured_units",
        [new("unit_code", BulkType.Text), new("name", BulkType.Text), new("name_latin", BulkType.Text)],
        ["unit_code"]);

    public static readonly BulkTable CoverageEvents = new(
        "coverage_events",
        [
            new("id_number", BulkType.Text), new("unit_code", BulkType.Text), new("event", BulkType.Text),
            new("date", BulkType.Date), new("kinds", BulkType.Text), new("insured_salary", BulkType.Int),
        ],
        ["id_number", "unit_code", "event", "date", "kinds"]);

    public static readonly BulkTable CoverageSegments = new(
        "coverage_segments",
        [
            new("id_number", BulkType.Text), new("unit_code", BulkType.Text), new("kind", BulkType.Text),
            new("period_start", BulkType.Date), new("period_end", BulkType.Date),
            new("segment_start", BulkType.Date), new("segment_end", BulkType.Date), new("insured_salary", BulkType.Int),
        ],
        ["id_number", "unit_code", "kind", "segment_start"]);

    public static readonly BulkTable PensionContributions = new(
        "pension_contributions",
        [
            new("id_number", BulkType.Text), new("unit_code", BulkType.Text), new("month", BulkType.Date),
            new("wage", BulkType.Int), new("employer_amount", BulkType.Int), new("voluntary_amount", BulkType.Int),
        ],
        ["id_number", "unit_code", "month"]);

    public static readonly BulkTable PensionEarnings = new(
        "pension_earnings",
        [new("id_number", BulkType.Text), new("year", BulkType.Int), new("amount", BulkType.Long)],
        ["id_number", "year"]);
}
