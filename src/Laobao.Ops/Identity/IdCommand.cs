using Laobao.Domain.Identity;

namespace Laobao.Ops.Identity;

/// <summary><c>laobao id NUMBER</c>: says which kind of number it is, or which rule it breaks (SPEC §3).</summary>
internal static class IdCommand
{
    public const string Usage = "laobao id NUMBER";

    public const string Summary = "tell the kind of an ID / ARC number, or why it is invalid";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var input = OneArgument(args, "NUMBER");
        if (input is "-h" or "--help")
        {
            await output.WriteLineAsync($"Usage: {Usage}  ({Summary})").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        if (!TaiwanId.TryParse(input, out var id, out var problem))
        {
            await error.WriteLineAsync($"laobao id: {problem.Message}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        await output.WriteLineAsync($"{id.Value}: {Describe(id.Kind)}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    /// <summary>The kind in the words of SPEC §1.</summary>
    public static string Describe(IdNumberKind kind) => kind switch
    {
        IdNumberKind.NationalId => "national ID",
        IdNumberKind.ResidentNew => "resident UI number (new format)",
        IdNumberKind.ArcOld => "ARC number (old format)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind of ID number"),
    };

    /// <summary>Both verbs take exactly one value; anything else is a usage error (exit code 2).</summary>
    internal static string OneArgument(string[] args, string name) => args.Length switch
    {
        0 => throw new OpsUsageException($"missing {name}"),
        1 => args[0],
        _ => throw new OpsUsageException($"expected one {name}; got {args.Length} arguments (quote a value that contains spaces)"),
    };
}
