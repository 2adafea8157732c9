namespace Laobao.Ops.Pki;

/// <summary>
/// The options of one <c>laobao pki</c> sub-command: <c>--name value</c> pairs and positional words.
/// Unknown or repeated options are usage errors, so a typo never silently falls back to a default.
/// </summary>
internal sealed class PkiArguments
{
    private readonly Dictionary<string, string> options = new(StringComparer.Ordinal);
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    private PkiArguments(IReadOnlyList<string> positional) => Positional = positional;

    public IReadOnlyList<string> Positional { get; }

    public static PkiArguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> known)
    {
        var positional = new List<string>();
        var parsed = new PkiArguments(positional);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            string value;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new OpsUsageException($"--{name} needs a value");
            }

            if (!known.Contains(name))
            {
                throw new OpsUsageException($"unknown option --{name}");
            }

            if (!parsed.options.TryAdd(name, value))
            {
                throw new OpsUsageException($"--{name} is given twice");
            }
        }

        return parsed;
    }

    public string? Optional(string name)
    {
        read.Add(name);
        return options.TryGetValue(name, out var value) ? value : null;
    }

    public string Required(string name) =>
        Optional(name) is { Length: > 0 } value ? value : throw new OpsUsageException($"--{name} is required");

    public bool Has(string name) => options.ContainsKey(name);

    public DateTimeOffset? Date(string name)
    {
        var text = Optional(name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : throw new OpsUsageException($"--{name} '{text}' is not a date (use 2026-03-01 or 2026-03-01T09:30:00Z)");
    }
}
