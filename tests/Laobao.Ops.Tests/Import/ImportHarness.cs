using System.Globalization;
using System.Text;
using Laobao.Ops.Import;
using Laobao.Web.Data;
using Laobao.Web.Data.Bulk;
using Microsoft.Extensions.Time.Testing;

namespace Laobao.Ops.Tests.Import;

/// <summary>Writes CSV files into a temporary folder and runs <c>laobao import</c> on them against a real store.</summary>
internal sealed class ImportHarness(DatabaseSettings settings) : IDisposable
{
    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    private readonly string folder = Directory.CreateTempSubdirectory("laobao-import-").FullName;

    public DatabaseSettings Settings => settings;

    public string Output { get; private set; } = string.Empty;

    public string Error { get; private set; } = string.Empty;

    public string Write(string name, params string[] lines)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        return path;
    }

    public async Task<int> ImportAsync(string kind, string path, params string[] options)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            return await ImportCommand.RunAsync(settings, Clock, [kind, path, .. options], output, error, CancellationToken.None);
        }
        finally
        {
            Output = output.ToString();
            Error = error.ToString();
        }
    }

    /// <summary>The last summary line's counts: accepted, unchanged, rejected.</summary>
    public (long Accepted, long Unchanged, long Rejected) Counts() => CountsOf(Output);

    /// <summary>The counts of the summary line an import printed.</summary>
    public static (long Accepted, long Unchanged, long Rejected) CountsOf(string output)
    {
        var line = output.Split('\n').Last(l => l.Contains(" accepted (", StringComparison.Ordinal));
        var numbers = System.Text.RegularExpressions.Regex.Matches(line, @"(\d+) (accepted|unchanged|rejected)")
            .ToDictionary(m => m.Groups[2].Value, m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        return (numbers["accepted"], numbers["unchanged"], numbers["rejected"]);
    }

    /// <summary>Reasons from the rejects file, by line number.</summary>
    public static Dictionary<long, string> Rejects(string path)
    {
        var result = new Dictionary<long, string>();
        using var reader = Sylvan.Data.Csv.CsvDataReader.Create(path + ".rejects.csv");
        while (reader.Read())
        {
            result[long.Parse(reader.GetString(0), CultureInfo.InvariantCulture)] = reader.GetString(1);
        }

        return result;
    }

    /// <summary>Every row of every records table, in key order, as text: two stores are equal when their dumps are.</summary>
    public static async Task<List<string>> DumpAsync(DatabaseSettings settings)
    {
        var dump = new List<string>();
        await using var store = await RecordStore.OpenAsync(settings);
        foreach (var table in new[]
        {
            RecordTables.Persons, RecordTables.Units, RecordTables.CoverageEvents, RecordTables.CoverageSegments,
            RecordTables.PensionContributions, RecordTables.PensionEarnings,
        })
        {
            await using var command = store.Connection.CreateCommand();
            var columns = string.Join(", ", table.Columns.Select(c => "\"" + c.Name + "\""));
            var order = string.Join(", ", table.Key.Select(c => "\"" + c + "\""));
            command.CommandText = $"SELECT {columns} FROM {table.Name} ORDER BY {order}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "∅" : table.Columns[i].Type switch
                {
                    BulkType.Date => reader.GetFieldValue<DateOnly>(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    BulkType.Text => reader.GetString(i),
                    _ => reader.GetInt64(i).ToString(CultureInfo.InvariantCulture),
                });
                dump.Add(table.Name + ":" + string.Join('|', values));
            }
        }

        return dump;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
