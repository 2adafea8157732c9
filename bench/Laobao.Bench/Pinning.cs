using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Laobao.Bench;

/// <summary>
/// CPU pinning for the load scenarios (<c>--pin SERVER:OTHERS</c>, e.g. <c>--pin 0:1</c>): the server under test runs on
/// core SERVER (started through <c>taskset</c>), the load generator (this process) and a local PostgreSQL (its
/// postmaster and every backend, current and forked later) on core OTHERS. On two shared cores the three otherwise
/// queue for the same CPUs, and requests per second measure that queueing. PostgreSQL's affinity is put back to
/// every core when the run ends, since the server is shared.
/// </summary>
internal sealed class Pinning : IDisposable
{
    private readonly List<int> pinnedPostgres = [];

    private Pinning(int serverCore, int otherCore)
    {
        ServerCore = serverCore;
        OtherCore = otherCore;
    }

    public int ServerCore { get; }

    public int OtherCore { get; }

    public string Description { get; private set; } = "";

    /// <summary>Null when <c>--pin</c> is absent: nothing is pinned.</summary>
    public static Pinning? FromArgs(string[] args)
    {
        if (BenchOptions.Get(args, "--pin") is not { } text)
        {
            return null;
        }

        var parts = text.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var server) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var other)
            || server == other || server < 0 || other < 0 || server >= Environment.ProcessorCount || other >= Environment.ProcessorCount)
        {
            throw new ArgumentException($"--pin SERVER:OTHERS takes two different core numbers below {Environment.ProcessorCount}, e.g. --pin 0:1");
        }

        if (!File.Exists("/usr/bin/taskset"))
        {
            throw new InvalidOperationException("--pin needs taskset (Debian package util-linux)");
        }

        return new Pinning(server, other);
    }

    /// <summary>Wraps a server's start so it runs on the server core only.</summary>
    public (string FileName, string[] Arguments) Wrap(string fileName, string[] arguments) =>
        ("taskset", ["-c", ServerCore.ToString(CultureInfo.InvariantCulture), fileName, .. arguments]);

    /// <summary>Pins this process and, when the database is a PostgreSQL on this machine, its server processes.</summary>
    public async Task ApplyAsync(string? postgresConnection)
    {
        // taskset -a: every thread of this process (Process.ProcessorAffinity would set the main thread's only).
        if (!TaskSet(OtherCore.ToString(CultureInfo.InvariantCulture), Environment.ProcessId))
        {
            throw new InvalidOperationException("taskset could not pin the load generator");
        }

        var database = "no PostgreSQL pinned";
        if (postgresConnection is not null)
        {
            var postmaster = await PostmasterPidAsync(postgresConnection);
            if (postmaster is { } pid)
            {
                foreach (var child in ChildrenOf(pid).Prepend(pid))
                {
                    if (TaskSet(OtherCore.ToString(CultureInfo.InvariantCulture), child))
                    {
                        pinnedPostgres.Add(child);
                    }
                }

                database = string.Create(CultureInfo.InvariantCulture, $"PostgreSQL (postmaster {pid} and {pinnedPostgres.Count - 1} backends, new backends inherit it) on core {OtherCore}");
            }
            else
            {
                database = "PostgreSQL not on this machine (or its postmaster not visible): not pinned";
            }
        }

        Description = string.Create(CultureInfo.InvariantCulture, $"pinned: server under test on core {ServerCore}; load generator on core {OtherCore}; {database}");
    }

    public void Dispose()
    {
        var all = $"0-{Environment.ProcessorCount - 1}";
        // Backends forked while pinned are children of the postmaster too: put every one back.
        var again = pinnedPostgres.Count > 0 ? ChildrenOf(pinnedPostgres[0]).Prepend(pinnedPostgres[0]).Union(pinnedPostgres) : [];
        foreach (var pid in again)
        {
            TaskSet(all, pid);
        }
    }

    private static async Task<int?> PostmasterPidAsync(string connection)
    {
        try
        {
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", db);
            var backend = (int)(await command.ExecuteScalarAsync())!;
            return File.Exists($"/proc/{backend}/stat") ? ParentOf(backend) : null;
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(")", StringComparison.Ordinal) + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static IEnumerable<int> ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => name is not null && name.All(char.IsAsciiDigit))
            .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
            .Where(pid => ParentOf(pid) == parent)
            .ToList();

    private static bool TaskSet(string cores, int pid)
    {
        using var process = Process.Start(new ProcessStartInfo("taskset", ["-a", "-p", "-c", cores, pid.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
