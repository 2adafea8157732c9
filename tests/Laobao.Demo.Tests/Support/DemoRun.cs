using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Laobao.Tests.Browser;

namespace Laobao.Demo.Tests.Support;

/// <summary>
/// README's first command, run as a newcomer would: the repository (HEAD) cloned into a clean temporary folder and
/// <c>./demo.sh</c> started there on free ports, until it prints that it is running. <see cref="InterruptAsync"/> is
/// Ctrl-C (SIGINT to the script); disposing kills whatever is left and deletes the clone.
/// </summary>
public sealed partial class DemoRun : IAsyncDisposable
{
    private readonly Process script;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource running = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DemoRun(Process script, string work, string clone, int webPort, int bridgePort)
    {
        this.script = script;
        Work = work;
        Clone = clone;
        Origin = new Uri($"http://127.0.0.1:{webPort}");
        WebPort = webPort;
        BridgePort = bridgePort;
    }

    /// <summary>The temporary folder holding the clone; also where the tests put their camera files.</summary>
    public string Work { get; }

    public string Clone { get; }

    public Uri Origin { get; }

    public int WebPort { get; }

    public int BridgePort { get; }

    public int WebPid { get; private set; }

    public int BridgePid { get; private set; }

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

    public static async Task<DemoRun> StartFromFreshCloneAsync(TimeSpan startLimit)
    {
        var work = Directory.CreateTempSubdirectory("laobao-demo-clone-").FullName;
        var clone = Path.Combine(work, "laobao");
        await RunToEndAsync("git", ["clone", "--quiet", RepositoryPaths.Root(), clone], "git is needed to clone the repository: apt-get install -y git");

        var webPort = FreePort();
        var bridgePort = FreePort();
        while (bridgePort == webPort)
        {
            bridgePort = FreePort();
        }

        // As from a terminal, where Ctrl-C's SIGINT reaches the script: a test runner started in the background (`cmd &`)
        // has SIGINT ignored, children inherit that, and bash cannot trap a signal ignored when it starts. env (coreutils)
        // puts the default back before bash runs, so the Ctrl-C check holds however the tests were launched.
        var start = new ProcessStartInfo("env", ["--default-signal=INT", "bash", "./demo.sh"])
        {
            WorkingDirectory = clone,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        // `dotnet test` exports MSBuild's own settings to its children; a nested `dotnet build` must not inherit them.
        foreach (var name in start.Environment.Keys.Where(IsTestHostVariable).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["LAOBAO_DEMO_PORT"] = webPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["LAOBAO_BRIDGE_PORT"] = bridgePort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var run = new DemoRun(process, work, clone, webPort, bridgePort);
        process.OutputDataReceived += (_, e) => run.Line(e.Data);
        process.ErrorDataReceived += (_, e) => run.Line(e.Data);
        process.Exited += (_, _) => run.running.TrySetException(new InvalidOperationException("./demo.sh stopped before it was running:\n" + run.Output));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await run.running.Task.WaitAsync(startLimit);
        }
        catch (TimeoutException)
        {
            await run.DisposeAsync();
            throw new InvalidOperationException($"./demo.sh did not say it was running within {startLimit}:\n{run.Output}");
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }

        return run;
    }

    /// <summary>The last lines of a log <c>./demo.sh</c> keeps (<c>web</c>, <c>card-bridge</c>), for a failure's report.</summary>
    public string LogTail(string name, int lines = 60)
    {
        var path = Path.Combine(Clone, "data", "demo", "logs", name + ".log");
        return File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(lines)) : $"(no {path})";
    }

    /// <summary>Ctrl-C: SIGINT to the script alone (a terminal would send it to the whole group; the script must cope either way).</summary>
    public async Task<int> InterruptAsync(TimeSpan limit)
    {
        await RunToEndAsync("kill", ["-INT", script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], "kill (procps) is needed");
        await script.WaitForExitAsync().WaitAsync(limit);
        return script.ExitCode;
    }

    /// <summary>True while a process with this id runs a Laobao program (an id can be reused, so the command line is checked).</summary>
    public static bool IsLaobaoProcess(int pid)
    {
        var cmdline = $"/proc/{pid}/cmdline";
        try
        {
            return File.Exists(cmdline) && File.ReadAllText(cmdline).Contains("Laobao.", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Processes still working in the clone (their folder or command line is in it), e.g. a build server left behind.</summary>
    public IReadOnlyList<string> ProcessesInClone()
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                var cwd = new DirectoryInfo(Path.Combine(dir, "cwd")).LinkTarget ?? "";
                if (cmdline.Contains(Clone, StringComparison.Ordinal) || cwd.StartsWith(Clone, StringComparison.Ordinal))
                {
                    found.Add($"{pid}: {cmdline}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while it was looked at.
            }
        }

        return found;
    }

    public static bool Listens(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!script.HasExited)
        {
            script.Kill(entireProcessTree: true);
            await script.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }

        script.Dispose();
        Directory.Delete(Work, recursive: true);
    }

    private void Line(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (ProcessesLine().Match(line) is { Success: true } m)
        {
            WebPid = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            BridgePid = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (line.StartsWith("Laobao demo is running", StringComparison.Ordinal))
        {
            running.TrySetResult();
        }
    }

    private static readonly string[] TestHostVariables =
    [
        "MSBuildSDKsPath", "MSBuildExtensionsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "MSBUILD_EXE_PATH",
        "MSBUILDENSURESTDOUTFORTASKPROCESSES", "MSBUILDFAILONDRIVEENUMERATINGWILDCARD", "DOTNET_HOST_PATH",
    ];

    private static bool IsTestHostVariable(string name) =>
        TestHostVariables.Contains(name, StringComparer.OrdinalIgnoreCase)
        || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase);

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task RunToEndAsync(string file, string[] args, string missing)
    {
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException(missing);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException(missing);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            try
            {
                // A hang guard, not a timing check (the longest of these is a git clone or a build).
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(15));
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{file} {string.Join(' ', args)} did not end within 15 minutes");
            }

            await output;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await error}");
            }
        }
    }

    [GeneratedRegex(@"^Processes: web host pid (\d+), card bridge pid (\d+)")]
    private static partial Regex ProcessesLine();
}
