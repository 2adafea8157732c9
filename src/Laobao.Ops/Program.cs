namespace Laobao.Ops;

/// <summary>
/// Entry point of the <c>laobao</c> command. A named class rather than top-level statements, so the
/// web host's <c>Program</c> stays the only one for projects that reference both.
/// </summary>
public static class OpsProgram
{
    public static Task<int> Main(string[] args) => OpsCommandLine.RunAsync(args, Console.Out, Console.Error);
}
