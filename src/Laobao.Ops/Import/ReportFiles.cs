using System.Globalization;
using System.Text;

namespace Laobao.Ops.Import;

/// <summary>
/// <c>FILE.rejects.csv</c> (line, reason, then the original columns) and <c>FILE.warnings.csv</c> (line, warning).
/// Each run rewrites them; a run without rejects or warnings removes the previous run's file.
/// </summary>
internal sealed class ReportFiles(string path, string[] header) : IAsyncDisposable
{
    private StreamWriter? rejects;
    private StreamWriter? warnings;

    public string RejectsPath { get; } = path + ".rejects.csv";

    public string WarningsPath { get; } = path + ".warnings.csv";

    public long Warnings { get; private set; }

    public async Task WriteAsync(IEnumerable<(ImportRow Row, string Reason)> rejected, IEnumerable<ImportRow> warned)
    {
        foreach (var (row, reason) in rejected.OrderBy(r => r.Row.Line))
        {
            if (rejects is null)
            {
                rejects = Open(RejectsPath);
                await rejects.WriteLineAsync(Join(["line", "reason", .. header])).ConfigureAwait(false);
            }

            await rejects.WriteLineAsync(Join([row.Line.ToString(CultureInfo.InvariantCulture), reason, .. row.Raw])).ConfigureAwait(false);
        }

        foreach (var row in warned)
        {
            if (warnings is null)
            {
                warnings = Open(WarningsPath);
                await warnings.WriteLineAsync("line,warning").ConfigureAwait(false);
            }

            foreach (var warning in row.Warnings!)
            {
                Warnings++;
                await warnings.WriteLineAsync(Join([row.Line.ToString(CultureInfo.InvariantCulture), warning])).ConfigureAwait(false);
            }
        }
    }

    public async Task CompleteAsync()
    {
        await DisposeAsync().ConfigureAwait(false);
        if (rejects is null && File.Exists(RejectsPath))
        {
            File.Delete(RejectsPath);
        }

        if (warnings is null && File.Exists(WarningsPath))
        {
            File.Delete(WarningsPath);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (rejects is not null)
        {
            await rejects.DisposeAsync().ConfigureAwait(false);
        }

        if (warnings is not null)
        {
            await warnings.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static StreamWriter Open(string file) => new(file, append: false, new UTF8Encoding(false)) { NewLine = "\n" };

    internal static string Join(IEnumerable<string> fields) => string.Join(',', fields.Select(Quote));

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
