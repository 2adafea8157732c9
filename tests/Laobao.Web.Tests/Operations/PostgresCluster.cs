using System.Diagnostics;
using Npgsql;

namespace Laobao.Web.Tests.Operations;

/// <summary>
/// A PostgreSQL 15 server of a test's own (Debian postgresql-15), on a loopback port, that the test may stop and
/// start — the shared server of ./test.sh must never go down under other tests. initdb and pg_ctl refuse root, so
/// they run as the postgres user when the tests run as root.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    public const string BinFolder = "/usr/lib/postgresql/15/bin";

    private PostgresCluster(string folder, int port)
    {
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }

    public string DataFolder => Path.Combine(Folder, "data");

    public int Port { get; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=5;Command Timeout=15";

    /// <summary>initdb a new cluster in a temp folder and start it; <paramref name="extraOptions"/> go to the server.</summary>
    public static async Task<PostgresCluster> StartAsync(string extraOptions = "")
    {
        Assert.True(File.Exists(Path.Combine(BinFolder, "pg_ctl")), $"PostgreSQL 15 is needed at {BinFolder} (apt-get install -y postgresql-15)");
        var folder = Directory.CreateTempSubdirectory("laobao-pg-").FullName;
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var cluster = new PostgresCluster(folder, WebNodeProcess.FreePort());
        Directory.CreateDirectory(cluster.DataFolder);
        await Chown(cluster.DataFolder);
        await cluster.RunAsync("initdb", "-D", cluster.DataFolder, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        cluster.options = $"-p {cluster.Port} -k {cluster.DataFolder} -c listen_addresses=127.0.0.1 -c fsync=off {extraOptions}".Trim();
        await cluster.StartAsync();
        return cluster;
    }

    private string options = "";

    /// <summary>
    /// A streaming replica of this server (pg_basebackup -R, hot standby) in a folder of its own, started on its own
    /// port: what deploy/run.sh sets up, at test scale. initdb's pg_hba.conf already lets loopback replicate.
    /// </summary>
    public async Task<PostgresCluster> StartReplicaAsync()
    {
        var folder = Directory.CreateTempSubdirectory("laobao-pg-replica-").FullName;
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var replica = new PostgresCluster(folder, WebNodeProcess.FreePort());
        Directory.CreateDirectory(replica.DataFolder);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(replica.DataFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await Chown(replica.DataFolder);
        await replica.RunAsync("pg_basebackup", "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-D", replica.DataFolder, "-R", "-X", "stream");
        replica.options = $"-p {replica.Port} -k {replica.DataFolder} -c listen_addresses=127.0.0.1 -c hot_standby=on";
        await replica.StartAsync();
        return replica;
    }

    public async Task StartAsync() =>
        await RunAsync("pg_ctl", "-D", DataFolder, "-l", Path.Combine(DataFolder, "log"), "-o", options, "-w", "start");

    /// <summary>Stops the server the way an outage would look to clients: every connection closed, new ones refused.</summary>
    public async Task StopAsync() => await RunAsync("pg_ctl", "-D", DataFolder, "-m", "fast", "-w", "stop");

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            try
            {
                await RunAsync("pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop");
            }
            catch (Xunit.Sdk.XunitException)
            {
                // Already stopping; the folder goes anyway.
            }
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static async Task Chown(string path)
    {
        if (Environment.UserName != "root")
        {
            return;
        }

        using var chown = Process.Start("chown", ["-R", "postgres:postgres", path]);
        await chown.WaitForExitAsync();
    }

    private async Task RunAsync(string tool, params string[] arguments)
    {
        var asRoot = Environment.UserName == "root";
        var info = new ProcessStartInfo(asRoot ? "runuser" : Path.Combine(BinFolder, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        if (asRoot)
        {
            foreach (var part in new[] { "-u", "postgres", "--", Path.Combine(BinFolder, tool) })
            {
                info.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        // pg_ctl start leaves the server holding its output pipes unless -l is given (it is): read both to the end.
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await errors}");
    }
}
