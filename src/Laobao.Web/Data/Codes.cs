namespace Laobao.Web.Data;

/// <summary>
/// The words the bureau's files use (SPEC §3), stored as they are so the tables read the same on
/// both providers and in a raw SQL session.
/// </summary>
public static class Codes
{
    public const string Citizen = "citizen";
    public const string Arc = "arc";
    public const string Aprc = "aprc";

    public const string SchemeNew = "new";
    public const string SchemeOld = "old";
    public const string SchemeNone = "none";

    public const string Enrol = "enrol";
    public const string Adjust = "adjust";
    public const string Withdraw = "withdraw";

    public const string Labour = "labour";
    public const string Occupational = "occupational";
    public const string Employment = "employment";

    /// <summary>The kinds in their canonical order; a kinds set is stored in this order.</summary>
    public static readonly IReadOnlyList<string> AllKinds = [Labour, Occupational, Employment];

    public static readonly IReadOnlyList<string> AllResidences = [Citizen, Arc, Aprc];

    public static readonly IReadOnlyList<string> AllSchemes = [SchemeNew, SchemeOld, SchemeNone];

    public static readonly IReadOnlyList<string> AllEvents = [Enrol, Adjust, Withdraw];

    /// <summary>Order of events on one day: an enrolment comes before an adjustment, a withdrawal last.</summary>
    public static int EventRank(string coverageEvent) => coverageEvent switch
    {
        Enrol => 0,
        Adjust => 1,
        _ => 2,
    };

    /// <summary>Splits and re-joins a kinds set in canonical order; false with a reason on an unknown or repeated kind.</summary>
    public static bool TryCanonicalKinds(string? input, out string canonical, out string reason)
    {
        canonical = string.Empty;
        reason = string.Empty;
        if (string.IsNullOrWhiteSpace(input))
        {
            reason = "kinds is empty (expected e.g. labour+occupational+employment)";
            return false;
        }

        var mask = 0;
        foreach (var raw in input.Split('+'))
        {
            var part = raw.Trim().ToLowerInvariant();
            var index = IndexOf(AllKinds, part);
            if (index < 0)
            {
                reason = $"unknown insurance kind '{raw.Trim()}' (expected labour, occupational or employment)";
                return false;
            }

            if ((mask & (1 << index)) != 0)
            {
                reason = $"insurance kind '{part}' appears twice in kinds";
                return false;
            }

            mask |= 1 << index;
        }

        canonical = string.Join('+', AllKinds.Where((_, i) => (mask & (1 << i)) != 0));
        return true;
    }

    public static IEnumerable<string> SplitKinds(string canonical) => canonical.Split('+');

    internal static int IndexOf(IReadOnlyList<string> words, string word)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (string.Equals(words[i], word, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
