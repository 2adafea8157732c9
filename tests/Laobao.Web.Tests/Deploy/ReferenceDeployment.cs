using System.Diagnostics;
using System.Globalization;
using System.Text;
using Laobao.Tests.Browser;
using Laobao.Web.Tests.Operations;

namespace Laobao.Web.Tests.Deploy;

/// <summary>
/// <c>deploy/run.sh</c> as an operator runs it — PostgreSQL primary and streaming replica, two Production web nodes,
/// HAProxy in front — on free loopback ports, from the binaries this test run built. Stopped through the script's
/// Ctrl-C trap on dispose.
/// </summary>
internal sealed class ReferenceDeployment : IAsyncDisposable
{
    private const string PgBin = "/usr/lib/postgresql/15/bin";
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(3);

    private readonly Process script;
    private readonly StringBuilder output = new();

    private ReferenceDeployment(Process script, string state, int balancer, int node1, int node2, int primary, int replica)
    {
        this.script = script;
        State = state;
        Balancer = new Uri($"http://127.0.0.1:{balancer}/");
        Nodes = [new Uri($"http://127.0.0.1:{node1}/"), new Uri($"http://127.0.0.1:{node2}/")];
        PrimaryPort = primary;
        ReplicaPort = replica;
    }

    public string State { get; }

    public Uri Balancer { get; }

    /// <summary>Node A and node B, addressed directly.</summary>
    public IReadOnlyList<Uri> Nodes { get; }

    public int PrimaryPort { get; }

    public int ReplicaPort { get; }

    public string PrimaryConnectionString => $"Host=127.0.0.1;Port={PrimaryPort};Username=postgres;Database=laobao;Timeout=5;Command Timeout=15";

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts deploy/run.sh with <paramref name="environment"/> added to the nodes' settings; returns once it says it is up.</summary>
    public static async Task<ReferenceDeployment> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Assert.True(File.Exists(Path.Combine(PgBin, "pg_ctl")), $"PostgreSQL 15 is needed at {PgBin} (apt-get install -y postgresql-15)");
        Assert.True(File.Exists("/usr/sbin/haproxy") || File.Exists("/usr/bin/haproxy"), "HAProxy is needed (apt-get install -y haproxy)");
        var binaries = WebNodeProcess.BinaryFolder();
        var configuration = new DirectoryInfo(binaries).Parent!.Name;
        var work = Environment.GetEnvironmentVariable("LAOBAO_TEST_WORK");
        var state = string.IsNullOrEmpty(work)
            ? Directory.CreateTempSubdirectory("laobao-deploy-").FullName
            : Directory.CreateDirectory(Path.Combine(work, "deploy-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var ports = Enumerable.Range(0, 5).Select(_ => WebNodeProcess.FreePort()).Distinct().ToList();
        Assert.Equal(5, ports.Count);

        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryPaths.Root(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(RepositoryPaths.Root(), "deploy", "run.sh"));
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_CONTENTROOT", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["LAOBAO_DEPLOY_NO_BUILD"] = "1";
        info.Environment["LAOBAO_DEPLOY_CONFIG"] = configuration;
        // Exactly the host this test run built, never an older published copy.
        info.Environment["LAOBAO_DEPLOY_WEB_DLL"] = Path.Combine(binaries, "Laobao.Web.dll");
        info.Environment["LAOBAO_DEPLOY_DIR"] = state;
        info.Environment["LAOBAO_LB_PORT"] = Text(ports[0]);
        info.Environment["LAOBAO_NODE1_PORT"] = Text(ports[1]);
        info.Environment["LAOBAO_NODE2_PORT"] = Text(ports[2]);
        info.Environment["LAOBAO_PG_PORT"] = Text(ports[3]);
        info.Environment["LAOBAO_REPLICA_PORT"] = Text(ports[4]);
        info.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var deployment = new ReferenceDeployment(process, state, ports[0], ports[1], ports[2], ports[3], ports[4]);
        process.OutputDataReceived += (_, e) => deployment.Append(e.Data);
        process.ErrorDataReceived += (_, e) => deployment.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var until = DateTime.UtcNow + StartPatience;
        while (!deployment.Output.Contains("Press Ctrl-C to stop.", StringComparison.Ordinal))
        {
            if (process.HasExited || DateTime.UtcNow > until)
            {
                var failure = $"deploy/run.sh did not come up ({(process.HasExited ? "exited " + process.ExitCode : "still waiting after " + StartPatience)}):\n{deployment.Output}\n{deployment.Logs()}";
                await deployment.DisposeAsync();
                Assert.Fail(failure);
            }

            await Task.Delay(250);
        }

        return deployment;
    }

    /// <summary>The process id of node 0 (A) or 1 (B), as the script wrote it.</summary>
    public int NodePid(int node) => int.Parse(File.ReadAllText(Path.Combine(State, $"node{node}.pid")).Trim(), CultureInfo.InvariantCulture);

    /// <summary>The nodes' and the balancer's logs, for a failure message.</summary>
    public string Logs()
    {
        var logs = new StringBuilder();
        foreach (var file in new[] { "node0.log", "node1.log", "haproxy.log" })
        {
            var path = Path.Combine(State, "logs", file);
            if (File.Exists(path))
            {
                var text = File.ReadAllText(path);
                logs.Append("---- ").Append(file).Append(" (end) ----\n").Append(text.Length > 6000 ? text[^6000..] : text).Append('\n');
            }
        }

        return logs.ToString();
    }

    /// <summary>Stops the primary the way an outage looks to clients (fast shutdown: connections closed, new ones refused).</summary>
    public Task StopPrimaryAsync() => PgCtlAsync("-D", Path.Combine(State, "primary"), "-m", "fast", "-w", "stop");

    public Task StartPrimaryAsync() => PgCtlAsync("-D", Path.Combine(State, "primary"), "-l", Path.Combine(State, "logs", "primary.log"), "-w", "start");

    public static void Signal(int pid, int signal)
    {
        using var kill = Process.Start("kill", ["-" + Text(signal), Text(pid)]);
        kill.WaitForExit();
    }

    /// <summary>
    /// Stops the script as Ctrl-C does (its one trap handles INT and TERM; TERM because a test runner started in the
    /// background hands its children SIGINT ignored, which no shell can trap); true once it stopped everything.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan patience)
    {
        if (script.HasExited)
        {
            return true;
        }

        Signal(script.Id, 15);
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await script.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static bool IsRunning(int pid) => Directory.Exists($"/proc/{Text(pid)}") && !File.ReadAllText($"/proc/{Text(pid)}/stat").Contains(") Z ", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        if (!await StopAsync(TimeSpan.FromSeconds(60)))
        {
            // The script did not stop by itself: end what it started, by id.
            foreach (var node in new[] { 0, 1 })
            {
                if (File.Exists(Path.Combine(State, $"node{node}.pid")) && IsRunning(NodePid(node)))
                {
                    Signal(NodePid(node), 9);
                }
            }

            script.Kill(entireProcessTree: true);
            foreach (var server in new[] { "replica", "primary" })
            {
                if (File.Exists(Path.Combine(State, server, "postmaster.pid")))
                {
                    await PgCtlAsync("-D", Path.Combine(State, server), "-m", "immediate", "-w", "stop");
                }
            }
        }

        script.Dispose();
        Npgsql.NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(State, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // ./test.sh removes its work folder anyway.
        }
    }

    private static async Task PgCtlAsync(params string[] arguments)
    {
        var asRoot = Environment.UserName == "root";
        var info = new ProcessStartInfo(asRoot ? "runuser" : Path.Combine(PgBin, "pg_ctl"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asRoot)
        {
            foreach (var part in new[] { "-u", "postgres", "--", Path.Combine(PgBin, "pg_ctl") })
            {
                info.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_ctl {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stdout}{await stderr}");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
