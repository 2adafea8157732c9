using System.Globalization;
using Laobao.Web.Data;

namespace Laobao.Bench;

internal static class BenchOptions
{
    public static string? Get(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static int GetInt(string[] args, string name, int fallback) =>
        Get(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public static DatabaseProvider Provider(string[] args) =>
        Enum.Parse<DatabaseProvider>(Get(args, "--provider") ?? "Sqlite", ignoreCase: true);

    public static string Machine() => string.Create(CultureInfo.InvariantCulture,
        $"{Environment.ProcessorCount} logical cores, {Environment.OSVersion}, .NET {Environment.Version}, load average {LoadAverage()}");

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
