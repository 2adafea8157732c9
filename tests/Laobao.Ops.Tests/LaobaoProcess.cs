using System.Diagnostics;
using Laobao.Web.Data;

namespace Laobao.Ops.Tests;

/// <summary>
/// The built <c>laobao</c> command (laobao.dll beside the tests) as a real child process, with its store chosen
/// by the environment as an operator would choose it. Tests kill it for real, which no in-process run can.
/// </summary>
internal sealed class LaobaoProcess : IDisposable
{
    private readonly Process process;
    private readonly Task<string> output;
    private readonly Task<string> error;

    private LaobaoProcess(Process process)
    {
        this.process = process;
        output = process.StandardOutput.ReadToEndAsync();
        error = process.StandardError.ReadToEndAsync();
    }

    public bool HasExited => process.HasExited;

    public static LaobaoProcess Start(DatabaseSettings settings, string workingDirectory, params string[] args) =>
        StartWith(settings, workingDirectory, new Dictionary<string, string>(StringComparer.Ordinal), args);

    /// <summary>As <see cref="Start"/>, with more environment for the child (e.g. SOFTHSM2_CONF, Statements__Pkcs11Pin).</summary>
    public static LaobaoProcess StartWith(DatabaseSettings settings, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(settings);
        var dll = Path.Combine(AppContext.BaseDirectory, "laobao.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"the built laobao command is missing at {dll}: build tests/Laobao.Ops.Tests (it references src/Laobao.Ops)");
        }

        // The SDK tells the test host which dotnet runs it; the same one runs the child.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // laobao reads ./appsettings.json first; a folder without one leaves the choice to the environment.
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Database__Provider"] = settings.Provider.ToString();
        start.Environment["ConnectionStrings__Laobao"] = settings.ConnectionString;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new LaobaoProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {host} {dll}"));
    }

    /// <summary>SIGKILL on Linux: no finally block, no dispose, no rollback runs in the child.</summary>
    public void KillHard() => process.Kill(entireProcessTree: true);

    /// <summary>Waits for the end (a hang guard of ten minutes, not a timing check) and returns what it printed.</summary>
    public async Task<OpsRun> WaitAsync()
    {
        using var hang = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(hang.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"laobao did not end within ten minutes; it printed: {await output}{await error}");
        }

        return new OpsRun(process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }
}
