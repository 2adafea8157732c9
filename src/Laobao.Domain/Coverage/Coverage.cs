namespace Laobao.Domain.Coverage;

/// <summary>The kinds of cover SPEC §2 names; CSV words <c>labour</c>, <c>occupational</c>, <c>employment</c>.</summary>
public enum InsuranceKind
{
    /// <summary>勞工保險, ordinary accident.</summary>
    Labour,

    /// <summary>職業災害保險, a separate act from 2022-05-01.</summary>
    Occupational,

    /// <summary>就業保險.</summary>
    Employment,
}

/// <summary>
/// One stretch of cover: from 00:00 on <see cref="Start"/> to 24:00 on <see cref="End"/>, so both days count.
/// A null <see cref="End"/> means the cover is still running.
/// </summary>
public readonly record struct CoveragePeriod(DateOnly Start, DateOnly? End);

/// <summary>Seniority (年資) as BLI holds it: total days, shown as years of 365 days plus days.</summary>
public sealed record Seniority(int TotalDays)
{
    public int Years => TotalDays / 365;

    public int Days => TotalDays % 365;
}
