using System.Globalization;

namespace Laobao.Ops.Tests;

/// <summary>Runs the real <c>laobao</c> command line in process and keeps what it wrote.</summary>
internal sealed record OpsRun(int ExitCode, string Output, string Error)
{
    public static async Task<OpsRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await OpsCommandLine.RunAsync(args, output, error);
        return new OpsRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Asserts one line on standard error, no output, and nothing that looks like a stack trace.</summary>
    public void AssertOneErrorLine(int exitCode, string line)
    {
        Assert.Equal(exitCode, ExitCode);
        Assert.Equal(string.Empty, Output);
        Assert.Equal(line + Environment.NewLine, Error);
        Assert.DoesNotContain("   at ", Error, StringComparison.Ordinal);
    }
}
