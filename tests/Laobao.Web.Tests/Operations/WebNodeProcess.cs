using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Laobao.Tests.Browser;

namespace Laobao.Web.Tests.Operations;

/// <summary>
/// The built web host (src/Laobao.Web/bin/…/Laobao.Web.dll) run as its own process, as an operator runs it:
/// its own working directory, HOME and environment, output captured. Killed on dispose.
/// </summary>
internal sealed class WebNodeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder errors = new();

    private WebNodeProcess(Process process, int port, string workingDirectory)
    {
        this.process = process;
        Port = port;
        WorkingDirectory = workingDirectory;
    }

    public int Port { get; }

    public string WorkingDirectory { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public int ProcessId => process.Id;

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

    public string Errors
    {
        get
        {
            lock (errors)
            {
                return errors.ToString();
            }
        }
    }

    /// <summary>Folder of the web host's build output, the same configuration as this test assembly.</summary>
    public static string BinaryFolder()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var folder = Path.Combine(RepositoryPaths.Root(), "src", "Laobao.Web", "bin", configuration, "net10.0");
        Assert.True(File.Exists(Path.Combine(folder, "Laobao.Web.dll")), $"the web host is not built at {folder}: run ./test.sh (it builds the solution first)");
        return folder;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <c>dotnet Laobao.Web.dll</c> in <paramref name="workingDirectory"/> (a new temp folder by default).</summary>
    public static WebNodeProcess Start(IReadOnlyDictionary<string, string> environment, string? workingDirectory = null, int? port = null, string? binaryFolder = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        workingDirectory ??= Directory.CreateTempSubdirectory("laobao-node-").FullName;
        var chosenPort = port ?? FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(binaryFolder ?? BinaryFolder(), "Laobao.Web.dll"));
        // A clean slate: nothing of the test runner's ASP.NET settings leaks into the node.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_CONTENTROOT", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["HOME"] = Path.Combine(workingDirectory, "home");
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{chosenPort}";
        info.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var node = new WebNodeProcess(process, chosenPort, workingDirectory);
        process.OutputDataReceived += (_, e) => node.Append(node.output, e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(node.errors, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>The settings a Production node needs on a given store (real trust anchors from config/trust).</summary>
    public static Dictionary<string, string> ProductionSettings(string postgresConnectionString) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = "Postgres",
        ["ConnectionStrings__Laobao"] = postgresConnectionString,
        ["Desk__Origin"] = "https://desk.example.tw",
        // Never contacted: no test here sends mail through a Production node.
        ["Mail__Smtp__Host"] = "127.0.0.1",
        ["Mail__Smtp__Port"] = "9",
        ["Logging__Console__FormatterName"] = "simple",
        ["DataProtection__CertificatePath"] = DataProtectionCertificate.Value,
    };

    /// <summary>The Data Protection certificate (PKCS#12) every Production node of this test process uses.</summary>
    public static string DataProtectionCertificatePath => DataProtectionCertificate.Value;

    // One certificate for every Production node of this test process: the keys they store are encrypted with it.
    private static readonly Lazy<string> DataProtectionCertificate = new(() =>
    {
        // Under the test run's own folder (./test.sh removes it afterwards), never loose in /tmp.
        var work = Environment.GetEnvironmentVariable("LAOBAO_TEST_WORK");
        var folder = string.IsNullOrEmpty(work) ? Directory.CreateTempSubdirectory("laobao-dp-").FullName : Path.Combine(work, "data-protection");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"laobao-dp-{Environment.ProcessId}.pfx");
        Laobao.Web.Security.Sessions.DataProtectionKeyEncryption.CreateDemoCertificate(path);
        return path;
    });

    /// <summary>Waits for the process to end by itself; fails naming what it printed when it does not.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the web node did not exit within {patience}. Output:\n{Output}\nErrors:\n{Errors}");
        }

        // WaitForExit without a timeout also waits for the redirected streams to be read to their end.
        process.WaitForExit();
        return process.ExitCode;
    }

    /// <summary>Waits until <paramref name="path"/> answers 200; fails with the node's output when it exits or never does.</summary>
    public async Task WaitForAsync(string path, TimeSpan patience)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                Assert.Fail($"the web node exited with {process.ExitCode}. Output:\n{Output}\nErrors:\n{Errors}");
            }

            try
            {
                using var response = await client.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(200);
        }

        Assert.Fail($"{path} did not answer 200 within {patience}. Output:\n{Output}\nErrors:\n{Errors}");
    }

    public bool HasExited => process.HasExited;

    /// <summary>Sends a signal (SIGTERM = 15, SIGKILL = 9) to the node.</summary>
    public void Signal(int signal)
    {
        using var kill = Process.Start("kill", ["-" + signal.ToString(System.Globalization.CultureInfo.InvariantCulture), process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (target)
        {
            target.AppendLine(line);
        }
    }
}
