using System.Globalization;
using Laobao.Domain.Identity;
using Laobao.Domain.Salary;
using Laobao.Web.Data;
using Laobao.Web.Data.Bulk;

namespace Laobao.Ops.Import.Kinds;

/// <summary><c>pension-contributions</c>: id_number, unit_code, month, wage, employer_amount, voluntary_amount.</summary>
internal sealed class PensionContributionsImport(TimeProvider time, SalaryGradeTables grades) : ImportKind
{
    // The (unit, month) pairs this file reported: after the last batch, the people those units should have reported too.
    private readonly HashSet<(string UnitCode, DateOnly Month)> importedMonths = [];

    private static readonly DateOnly SchemeStart = new(2005, 7, 1);
    private readonly ImportDay day = new(time);

    public override string Name => "pension-contributions";

    public override BulkTable Table => RecordTables.PensionContributions;

    public override IReadOnlyList<string> RequiredColumns =>
        ["id_number", "unit_code", "month", "wage", "employer_amount", "voluntary_amount"];

    public override string? Parse(ImportFields fields, ImportRow row)
    {
        string? error;
        if ((error = FieldRules.IdNumber("id_number", fields["id_number"], out var id)) is not null)
        {
            return error;
        }

        if ((error = FieldRules.UnitCode("unit_code", fields["unit_code"])) is not null)
        {
            return error;
        }

        if ((error = FieldRules.IsoMonth("month", fields["month"], out var month)) is not null)
        {
            return error;
        }

        if ((error = FieldRules.Amount("wage", fields["wage"], 1, 999_999, out var wage)) is not null)
        {
            return error;
        }

        if ((error = FieldRules.Amount("employer_amount", fields["employer_amount"], 0, 999_999, out var employer)) is not null)
        {
            return error;
        }

        if ((error = FieldRules.Amount("voluntary_amount", fields["voluntary_amount"], 0, 999_999, out var voluntary)) is not null)
        {
            return error;
        }

        var thisMonth = day.Today;
        thisMonth = new DateOnly(thisMonth.Year, thisMonth.Month, 1);
        if (month < SchemeStart || month > thisMonth)
        {
            return string.Create(CultureInfo.InvariantCulture, $"month {month:yyyy-MM} is before the new scheme (2005-07) or in the future");
        }

        // Employers pay at least 6 % and a worker adds 1–6 %; BLI rounds to whole dollars, so one dollar either way is allowed.
        if (employer * 100L < wage * 6L - 99)
        {
            return string.Create(CultureInfo.InvariantCulture, $"employer_amount {employer} is below 6 % of wage {wage}");
        }

        if (voluntary != 0 && (voluntary * 100L < wage * 1L - 99 || voluntary * 100L > wage * 6L + 99))
        {
            return string.Create(CultureInfo.InvariantCulture, $"voluntary_amount {voluntary} is not 0 or 1–6 % of wage {wage}");
        }

        if (!grades.IsOnGrade(SalaryScale.PensionContribution, month, wage))
        {
            row.Warn(string.Create(CultureInfo.InvariantCulture, $"wage {wage} is not a grade of the pension contribution table in force in {month:yyyy-MM}"));
        }

        var unit = fields["unit_code"]!;
        row.Values = [id.Value, unit, month, wage, employer, voluntary];
        row.Key = JoinKey(id.Value, unit, month);
        return null;
    }

    public override async Task ApplyAsync(RecordStore store, IReadOnlyList<ImportRow> batch, BatchOutcome outcome, CancellationToken cancellationToken)
    {
        var ids = batch.Select(r => (string)r.Values[0]!).Distinct(StringComparer.Ordinal).ToList();
        var units = batch.Select(r => (string)r.Values[1]!).Distinct(StringComparer.Ordinal).ToList();
        var persons = (await store.SelectWhereInAsync(RecordTables.Persons, "id_number", ids, cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => (string)r[0]!, StringComparer.Ordinal);
        var knownUnits = (await store.SelectWhereInAsync(RecordTables.Units, "unit_code", units, cancellationToken).ConfigureAwait(false))
            .Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
        var existing = (await store.SelectWhereInAsync(Table, "id_number", ids, cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => JoinKey(r[0], r[1], r[2]), StringComparer.Ordinal);

        var valid = new List<ImportRow>();
        foreach (var row in batch)
        {
            var reason = PensionRules.CheckPerson(persons, (string)row.Values[0]!, (DateOnly)row.Values[2]!)
                ?? (knownUnits.Contains((string)row.Values[1]!) ? null : $"unknown unit {row.Values[1]}: import the units file first");
            if (reason is null)
            {
                valid.Add(row);
            }
            else
            {
                outcome.Reject(row, reason);
            }
        }

        await UpsertChangedAsync(store, Table, valid, existing, v => JoinKey(v[0], v[1], v[2]), outcome, cancellationToken).ConfigureAwait(false);
        foreach (var row in valid)
        {
            importedMonths.Add(((string)row.Values[1]!, (DateOnly)row.Values[2]!));
        }
    }

    /// <summary>Once the whole file is in: who was covered at a unit in a month it reported, yet has no contribution for it.</summary>
    public override Task CompleteAsync(RecordStore store, CancellationToken cancellationToken) =>
        Alerts is { } queue ? queue.EnqueueMissingPensionMonthsAsync(store, importedMonths, cancellationToken) : Task.CompletedTask;
}

/// <summary>Who may have pension records: a known person in the new scheme, from the month it started for them.</summary>
internal static class PensionRules
{
    public static string? CheckPerson(Dictionary<string, object?[]> persons, string idNumber, DateOnly month)
    {
        if (!persons.TryGetValue(idNumber, out var person))
        {
            return $"unknown person {TaiwanId.Parse(idNumber).Masked}: import the persons file first";
        }

        var scheme = (string)person[RecordTables.Persons.Ordinal("pension_scheme")]!;
        if (scheme != Codes.SchemeNew)
        {
            return $"person {TaiwanId.Parse(idNumber).Masked} is not in the new pension scheme (pension_scheme {scheme})";
        }

        var since = (DateOnly)person[RecordTables.Persons.Ordinal("pension_since")]!;
        return month < new DateOnly(since.Year, since.Month, 1)
            ? string.Create(CultureInfo.InvariantCulture,
                $"{month:yyyy-MM} is before the person's pension_since {since:yyyy-MM-dd}")
            : null;
    }
}
