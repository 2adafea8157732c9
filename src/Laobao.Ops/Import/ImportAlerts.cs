using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Laobao.Web.Data;
using Laobao.Web.Data.Bulk;
using Laobao.Web.Features.Alerts;
using Npgsql;
using NpgsqlTypes;

namespace Laobao.Ops.Import;

/// <summary>
/// Queues record alerts (SPEC §12) from inside an import's batch transaction, set-based: one INSERT … SELECT per
/// batch whatever its size, coalescing into the person's row of the day with a bitwise OR, so a second import the same
/// day adds to the same alert instead of making another.
/// </summary>
internal sealed class ImportAlerts(TimeProvider time)
{
    private static readonly TimeSpan Taiwan = TimeSpan.FromHours(8);

    /// <summary>The day in Taiwan the alerts belong to.</summary>
    public DateOnly Day => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Taiwan).DateTime);

    /// <summary>One statement for the whole batch: (person, changes) pairs sent as one array parameter.</summary>
    public async Task EnqueueAsync(RecordStore store, IReadOnlyCollection<(string IdNumber, AlertChanges Changes)> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }

        await using var command = store.CreateCommand();
        var now = time.GetUtcNow().UtcDateTime;
        if (store.Provider == DatabaseProvider.Postgres)
        {
            command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = changes.Select(c => c.IdNumber).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("changes", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = changes.Select(c => (int)c.Changes).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("day", NpgsqlDbType.Date) { Value = Day });
            command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now });
            command.CommandText =
                "INSERT INTO record_alerts (id_number, day, changes, updated_at) " +
                "SELECT t.id, @day, t.changes, @now FROM unnest(@ids, @changes) AS t(id, changes) " +
                Coalesce;
        }
        else
        {
            var rows = JsonSerializer.Serialize(changes.Select(c => new object[] { c.IdNumber, (int)c.Changes }));
            Add(command, "$rows", rows);
            Add(command, "$day", Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add(command, "$now", SqliteTime(now));
            command.CommandText =
                "INSERT INTO record_alerts (id_number, day, changes, updated_at) " +
                "SELECT json_extract(value, '$[0]'), $day, json_extract(value, '$[1]'), $now FROM json_each($rows) WHERE true " +
                Coalesce;
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// After a unit's month of contributions was imported: everyone covered at that unit in that month, in the new
    /// scheme from that month on, with no contribution from the unit for it, gets a "pension month missing" alert.
    /// One statement for all the (unit, month) pairs of the import.
    /// </summary>
    public async Task EnqueueMissingPensionMonthsAsync(RecordStore store, IReadOnlyCollection<(string UnitCode, DateOnly Month)> pairs, CancellationToken cancellationToken)
    {
        if (pairs.Count == 0)
        {
            return;
        }

        await using var command = store.CreateCommand();
        var now = time.GetUtcNow().UtcDateTime;
        var flag = (int)AlertChanges.PensionMonthMissing;
        if (store.Provider == DatabaseProvider.Postgres)
        {
            command.Parameters.Add(new NpgsqlParameter("units", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = pairs.Select(p => p.UnitCode).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("months", NpgsqlDbType.Array | NpgsqlDbType.Date) { Value = pairs.Select(p => p.Month).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("day", NpgsqlDbType.Date) { Value = Day });
            command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now });
            command.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"""
                INSERT INTO record_alerts (id_number, day, changes, updated_at)
                SELECT DISTINCT s.id_number, @day, {flag}, @now
                FROM unnest(@units, @months) AS b(unit_code, month)
                JOIN coverage_segments s ON s.unit_code = b.unit_code AND s.kind = 'labour'
                  AND s.segment_start <= (b.month + interval '1 month' - interval '1 day')::date
                  AND (s.segment_end IS NULL OR s.segment_end >= b.month)
                JOIN persons p ON p.id_number = s.id_number AND p.pension_scheme = 'new' AND p.pension_since <= (b.month + interval '1 month' - interval '1 day')::date
                WHERE NOT EXISTS (SELECT 1 FROM pension_contributions c WHERE c.id_number = s.id_number AND c.unit_code = b.unit_code AND c.month = b.month)
                {Coalesce}
                """);
        }
        else
        {
            var rows = JsonSerializer.Serialize(pairs.Select(p => new[] { p.UnitCode, p.Month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
            Add(command, "$rows", rows);
            Add(command, "$day", Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add(command, "$now", SqliteTime(now));
            command.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"""
                INSERT INTO record_alerts (id_number, day, changes, updated_at)
                SELECT DISTINCT s.id_number, $day, {flag}, $now
                FROM (SELECT json_extract(value, '$[0]') AS unit_code, json_extract(value, '$[1]') AS month FROM json_each($rows)) AS b
                JOIN coverage_segments s ON s.unit_code = b.unit_code AND s.kind = 'labour'
                  AND s.segment_start <= date(b.month, '+1 month', '-1 day')
                  AND (s.segment_end IS NULL OR s.segment_end >= b.month)
                JOIN persons p ON p.id_number = s.id_number AND p.pension_scheme = 'new' AND p.pension_since <= date(b.month, '+1 month', '-1 day')
                WHERE NOT EXISTS (SELECT 1 FROM pension_contributions c WHERE c.id_number = s.id_number AND c.unit_code = b.unit_code AND c.month = b.month)
                {Coalesce}
                """);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private const string Coalesce =
        "ON CONFLICT (id_number, day) DO UPDATE SET changes = record_alerts.changes | excluded.changes, updated_at = excluded.updated_at";

    /// <summary>The text form EF Core's SQLite provider stores DateTime in, so EF reads these rows back.</summary>
    private static string SqliteTime(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
