using System.Globalization;
using Laobao.Domain.Identity;
using Laobao.Domain.Salary;
using Laobao.Web.Data;
using Laobao.Web.Data.Bulk;
using Laobao.Web.Data.Coverage;
using Laobao.Web.Features.Alerts;

namespace Laobao.Ops.Import.Kinds;

/// <summary>
/// <c>coverage-events</c>: id_number, unit_code, event, date, kinds, insured_salary. Each batch loads the
/// whole history of the persons it touches, replays it with the new events, and rewrites those persons'
/// derived segments in the same transaction, so the segments always match the events.
/// </summary>
internal sealed class CoverageEventsImport(TimeProvider time, SalaryGradeTables grades) : ImportKind
{
    private static readonly DateOnly OccupationalActStart = new(2022, 5, 1);
    private static readonly DateOnly LabourInsuranceStart = new(1950, 3, 1);
    private readonly ImportDay day = new(time);

    public override string Name => "coverage-events";

    public override BulkTable Table => RecordTables.CoverageEvents;

    public override IReadOnlyList<string> RequiredColumns => ["id_number", "unit_code", "event", "date", "kinds"];

    public override IReadOnlyList<string> OptionalColumns => ["insured_salary"];

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

        if ((error = FieldRules.Word("event", fields["event"], Codes.AllEvents, out var kind)) is not null)
        {
            return error;
        }

        if ((error = FieldRules.IsoDate("date", fields["date"], out var date)) is not null)
        {
            return error;
        }

        if (!Codes.TryCanonicalKinds(fields["kinds"], out var kinds, out var kindsError))
        {
            return kindsError;
        }

        var today = day.Today;
        if (date < LabourInsuranceStart || date > today)
        {
            return string.Create(CultureInfo.InvariantCulture, $"date {date:yyyy-MM-dd} is before 1950-03-01 or in the future");
        }

        if (kind != Codes.Withdraw && date < OccupationalActStart && Codes.SplitKinds(kinds).Contains(Codes.Occupational))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"occupational cover starts on or after 2022-05-01 (its act's start), not {date:yyyy-MM-dd}");
        }

        int? salary = null;
        var salaryText = fields["insured_salary"];
        if (kind == Codes.Withdraw)
        {
            if (salaryText is not null)
            {
                return "insured_salary must be empty for withdraw";
            }
        }
        else
        {
            error = FieldRules.Amount("insured_salary", salaryText, 1, 999_999, out var amount);
            if (error is not null)
            {
                return salaryText is null ? $"insured_salary is required for {kind}" : error;
            }

            salary = amount;
            foreach (var k in Codes.SplitKinds(kinds))
            {
                var scale = k == Codes.Occupational ? SalaryScale.Occupational : SalaryScale.LabourEmployment;
                if (!grades.IsOnGrade(scale, date, amount))
                {
                    row.Warn(string.Create(CultureInfo.InvariantCulture,
                        $"insured_salary {amount} is not a grade of the {k} table in force on {date:yyyy-MM-dd}"));
                }
            }
        }

        var unit = fields["unit_code"]!;
        row.Values = [id.Value, unit, kind, date, kinds, salary];
        row.Key = JoinKey(id.Value, unit, kind, date, kinds);
        return null;
    }

    public override async Task ApplyAsync(RecordStore store, IReadOnlyList<ImportRow> batch, BatchOutcome outcome, CancellationToken cancellationToken)
    {
        var ids = batch.Select(r => (string)r.Values[0]!).Distinct(StringComparer.Ordinal).ToList();
        var units = batch.Select(r => (string)r.Values[1]!).Distinct(StringComparer.Ordinal).ToList();
        var knownPersons = (await store.SelectWhereInAsync(RecordTables.Persons, "id_number", ids, cancellationToken).ConfigureAwait(false))
            .Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
        var knownUnits = (await store.SelectWhereInAsync(RecordTables.Units, "unit_code", units, cancellationToken).ConfigureAwait(false))
            .Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);

        var histories = new Dictionary<string, Dictionary<string, TimelineEvent>>(StringComparer.Ordinal);
        foreach (var stored in await store.SelectWhereInAsync(Table, "id_number", ids, cancellationToken).ConfigureAwait(false))
        {
            History(histories, (string)stored[0]!)[JoinKey(stored[0], stored[1], stored[2], stored[3], stored[4])] = ToEvent(stored);
        }

        // Only a person with stored events can have stored segments to replace; on a first import that is few of them.
        var personsWithStoredEvents = histories.Keys.ToHashSet(StringComparer.Ordinal);

        var inserted = new List<object?[]>();
        var updated = new List<object?[]>();
        var changedPersons = new HashSet<string>(StringComparer.Ordinal);
        var alerts = new List<(string IdNumber, AlertChanges Changes)>();
        // The replay that accepts a person's events already derived their segments: kept, not replayed again.
        var derivedSegments = new Dictionary<string, List<TimelineSegment>>(StringComparer.Ordinal);
        // In date order per person, so a file that lists a career in any order within a batch still replays.
        var byPerson = batch
            .OrderBy(r => (DateOnly)r.Values[3]!)
            .ThenBy(r => Codes.EventRank((string)r.Values[2]!))
            .ThenBy(r => r.Line)
            .GroupBy(r => (string)r.Values[0]!, StringComparer.Ordinal);
        foreach (var rows in byPerson)
        {
            var idNumber = rows.Key;
            var history = History(histories, idNumber);
            var candidates = new List<(ImportRow Row, bool IsUpdate, TimelineEvent Previous)>();
            foreach (var row in rows)
            {
                var unit = (string)row.Values[1]!;
                if (!knownPersons.Contains(idNumber))
                {
                    outcome.Reject(row, $"unknown person {TaiwanId.Parse(idNumber).Masked}: import the persons file first");
                }
                else if (!knownUnits.Contains(unit))
                {
                    outcome.Reject(row, $"unknown unit {unit}: import the units file first");
                }
                else if (history.TryGetValue(row.Key, out var previous))
                {
                    if (previous.InsuredSalary == (int?)row.Values[5])
                    {
                        outcome.Unchanged++;
                    }
                    else
                    {
                        candidates.Add((row, true, previous));
                    }
                }
                else
                {
                    candidates.Add((row, false, default));
                }
            }

            if (candidates.Count == 0)
            {
                continue;
            }

            // The common case: the person's new events all fit, and one replay shows it.
            foreach (var (row, _, _) in candidates)
            {
                history[row.Key] = ToEvent(row.Values);
            }

            var replayed = CoverageTimeline.Replay(history.Values);
            if (replayed.Conflict is null)
            {
                derivedSegments[idNumber] = replayed.Segments;
            }
            else
            {
                // Otherwise take them one at a time in date order, replaying only the unit each one is about.
                foreach (var (row, isUpdate, previous) in candidates)
                {
                    Undo(history, row.Key, isUpdate, previous);
                }

                var accepted = new List<(ImportRow Row, bool IsUpdate, TimelineEvent Previous)>();
                foreach (var candidate in candidates)
                {
                    var (row, isUpdate, previous) = candidate;
                    var unit = (string)row.Values[1]!;
                    history[row.Key] = ToEvent(row.Values);
                    var conflict = CoverageTimeline.Replay(history.Values.Where(e => e.UnitCode == unit)).Conflict;
                    if (conflict is null)
                    {
                        accepted.Add(candidate);
                    }
                    else
                    {
                        Undo(history, row.Key, isUpdate, previous);
                        outcome.Reject(row, conflict.Reason);
                    }
                }

                candidates = accepted;
            }

            var changes = AlertChanges.None;
            foreach (var (row, isUpdate, _) in candidates)
            {
                (isUpdate ? updated : inserted).Add(row.Values);
                changes |= isUpdate ? AlertChanges.SalaryChanged : (string)row.Values[2]! switch
                {
                    Codes.Enrol => AlertChanges.Enrolled,
                    Codes.Withdraw => AlertChanges.Withdrawn,
                    _ => AlertChanges.SalaryChanged,
                };
            }

            if (changes != AlertChanges.None)
            {
                alerts.Add((idNumber, changes));
            }

            if (candidates.Count > 0)
            {
                changedPersons.Add(idNumber);
            }
        }

        if (changedPersons.Count == 0)
        {
            return;
        }

        await WriteAsync(store, Table, inserted, updated, outcome, cancellationToken).ConfigureAwait(false);
        personsWithStoredEvents.IntersectWith(changedPersons);
        await store.DeleteWhereInAsync(RecordTables.CoverageSegments, "id_number", personsWithStoredEvents, cancellationToken).ConfigureAwait(false);
        var segments = new List<object?[]>();
        foreach (var idNumber in changedPersons)
        {
            var derived = derivedSegments.TryGetValue(idNumber, out var kept) ? kept : CoverageTimeline.Replay(histories[idNumber].Values).Segments;
            segments.AddRange(derived.Select(s => SegmentRow(idNumber, s)));
        }

        await store.InsertAsync(RecordTables.CoverageSegments, segments, cancellationToken).ConfigureAwait(false);
        if (Alerts is { } queue)
        {
            await queue.EnqueueAsync(store, alerts, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Undo(Dictionary<string, TimelineEvent> history, string key, bool isUpdate, TimelineEvent previous)
    {
        if (isUpdate)
        {
            history[key] = previous;
        }
        else
        {
            history.Remove(key);
        }
    }

    internal static object?[] SegmentRow(string idNumber, TimelineSegment s) =>
        [idNumber, s.UnitCode, s.Kind, s.PeriodStart, s.PeriodEnd, s.SegmentStart, s.SegmentEnd, s.InsuredSalary];

    private static Dictionary<string, TimelineEvent> History(Dictionary<string, Dictionary<string, TimelineEvent>> histories, string idNumber)
    {
        if (!histories.TryGetValue(idNumber, out var history))
        {
            history = new Dictionary<string, TimelineEvent>(StringComparer.Ordinal);
            histories[idNumber] = history;
        }

        return history;
    }

    private static TimelineEvent ToEvent(object?[] v) =>
        new((string)v[1]!, (string)v[2]!, (DateOnly)v[3]!, (string)v[4]!, (int?)v[5]);
}
