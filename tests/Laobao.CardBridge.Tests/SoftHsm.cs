using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Laobao.CardBridge.Tests;

/// <summary>
/// A real PKCS#11 module for the whole test run: SoftHSM2 with its own configuration and token folder
/// under a temporary directory. Tests that use it share one collection, because a PKCS#11 module is
/// initialised once per process and SOFTHSM2_CONF is process-wide.
/// </summary>
public sealed class SoftHsm : IDisposable
{
    public const string ModulePath = "/usr/lib/softhsm/libsofthsm2.so";
    public const string Pin = "123456";
    private int tokens;

    public SoftHsm()
    {
        if (!File.Exists(ModulePath) || !File.Exists("/usr/bin/softhsm2-util"))
        {
            throw new InvalidOperationException($"SoftHSM2 is needed for the card tests ({ModulePath} and softhsm2-util): apt-get install -y softhsm2");
        }

        Folder = Directory.CreateTempSubdirectory("laobao-softhsm-").FullName;
        Directory.CreateDirectory(Path.Combine(Folder, "tokens"));
        var config = Path.Combine(Folder, "softhsm2.conf");
        File.WriteAllText(config, $"directories.tokendir = {Path.Combine(Folder, "tokens")}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        // .NET keeps its own copy of the environment: child processes (softhsm2-util) see this one,
        // the SoftHSM module loaded into this process reads the C library's.
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", config);
        if (NativeMethods.setenv("SOFTHSM2_CONF", config, 1) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed");
        }
    }

    public string Folder { get; }

    /// <summary>A new, empty token ("card") with a unique label and <see cref="Pin"/> as its user PIN.</summary>
    public string NewToken() => NewToken(Pin);

    /// <summary>A new, empty token whose user PIN is <paramref name="pin"/> (MOICA PINs may hold letters).</summary>
    public string NewToken(string pin)
    {
        var label = $"card{Interlocked.Increment(ref tokens)}";
        Run("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", "12345678");
        return label;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not end within two minutes");
        }

        output.Wait(TimeSpan.FromSeconds(10));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {error.Result}");
        }
    }
}

internal static class NativeMethods
{
    [DllImport("libc", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable CA1707, SYSLIB1054 // The C library's own name; a plain P/Invoke keeps the test project free of unsafe code.
    internal static extern int setenv(string name, string value, int overwrite);
#pragma warning restore CA1707, SYSLIB1054
}

[CollectionDefinition(Name)]
public sealed class SoftHsmCollection : ICollectionFixture<SoftHsm>
{
    public const string Name = "SoftHSM2";
}
