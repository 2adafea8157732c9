using System.Globalization;

namespace Laobao.Ops.Import;

internal interface IImportProgress
{
    void Report(long rows, long bytesRead, long totalBytes);
}

/// <summary>For logs and pipes: one plain line every few seconds with rows/s, never cursor tricks.</summary>
internal sealed class PlainProgress(TextWriter output, TimeProvider time, TimeSpan interval) : IImportProgress
{
    private readonly long started = time.GetTimestamp();
    private long lastLine = time.GetTimestamp();

    public void Report(long rows, long bytesRead, long totalBytes)
    {
        var now = time.GetTimestamp();
        if (time.GetElapsedTime(lastLine, now) < interval)
        {
            return;
        }

        lastLine = now;
        output.WriteLine(Line(rows, bytesRead, totalBytes, time.GetElapsedTime(started, now)));
    }

    internal static string Line(long rows, long bytesRead, long totalBytes, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? rows / elapsed.TotalSeconds : 0;
        var percent = totalBytes > 0 ? 100.0 * bytesRead / totalBytes : 100;
        return string.Create(CultureInfo.InvariantCulture, $"  {rows:N0} rows read, {rate:N0} rows/s, {percent:F0} % of the file");
    }
}

/// <summary>Progress for a run that must not print (tests, dry library use).</summary>
internal sealed class NoProgress : IImportProgress
{
    public void Report(long rows, long bytesRead, long totalBytes)
    {
    }
}

/// <summary>Feeds a Spectre.Console progress task (interactive terminals).</summary>
internal sealed class SpectreProgress(Spectre.Console.ProgressTask task, TimeProvider time) : IImportProgress
{
    private readonly long started = time.GetTimestamp();

    public void Report(long rows, long bytesRead, long totalBytes)
    {
        var elapsed = time.GetElapsedTime(started);
        var rate = elapsed.TotalSeconds > 0 ? rows / elapsed.TotalSeconds : 0;
        task.MaxValue = Math.Max(1, totalBytes);
        task.Value = bytesRead;
        task.Description = string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows, {rate:N0} rows/s");
    }
}
