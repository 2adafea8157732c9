using System.Globalization;

namespace Laobao.Web.Data.Coverage;

/// <summary>One reported event of one person, as the timeline needs it.</summary>
public readonly record struct TimelineEvent(string UnitCode, string Event, DateOnly Date, string Kinds, int? InsuredSalary);

/// <summary>A derived stretch at one insured salary (see <see cref="Entities.CoverageSegment"/>).</summary>
public readonly record struct TimelineSegment(
    string UnitCode, string Kind, DateOnly PeriodStart, DateOnly? PeriodEnd, DateOnly SegmentStart, DateOnly? SegmentEnd, int InsuredSalary);

/// <summary>Why a person's events cannot be replayed: the first event that contradicts what came before it.</summary>
public sealed record TimelineConflict(TimelineEvent Event, string Reason);

/// <summary>
/// Replays one person's coverage events per unit and kind in date order (on one day: enrol, adjust,
/// withdraw) into periods split by salary adjustments. The same code validates imports and derives the
/// stored segments, so a stored history is always one that replays.
/// </summary>
public static class CoverageTimeline
{
    public static (List<TimelineSegment> Segments, TimelineConflict? Conflict) Replay(IEnumerable<TimelineEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var segments = new List<TimelineSegment>();
        var ordered = events
            .SelectMany(e => Codes.SplitKinds(e.Kinds).Select(kind => (Kind: kind, Event: e)))
            .OrderBy(x => x.Event.UnitCode, StringComparer.Ordinal)
            .ThenBy(x => Codes.IndexOf(Codes.AllKinds, x.Kind))
            .ThenBy(x => x.Event.Date)
            .ThenBy(x => Codes.EventRank(x.Event.Event));

        string? unit = null;
        string? kind = null;
        var open = false;
        var periodStart = default(DateOnly);
        var segmentStart = default(DateOnly);
        var salary = 0;
        var firstOfPeriod = 0;

        foreach (var (eventKind, e) in ordered)
        {
            if (!string.Equals(unit, e.UnitCode, StringComparison.Ordinal) || !string.Equals(kind, eventKind, StringComparison.Ordinal))
            {
                if (open)
                {
                    segments.Add(new TimelineSegment(unit!, kind!, periodStart, null, segmentStart, null, salary));
                }

                unit = e.UnitCode;
                kind = eventKind;
                open = false;
            }

            switch (e.Event)
            {
                case Codes.Enrol:
                    if (open)
                    {
                        return (segments, new TimelineConflict(e, string.Create(
                            CultureInfo.InvariantCulture,
                            $"enrol twice at unit {unit} for {kind}: already enrolled since {periodStart:yyyy-MM-dd} without a withdrawal")));
                    }

                    open = true;
                    periodStart = segmentStart = e.Date;
                    salary = e.InsuredSalary ?? 0;
                    firstOfPeriod = segments.Count;
                    break;
                case Codes.Adjust:
                    if (!open)
                    {
                        return (segments, new TimelineConflict(e, string.Create(
                            CultureInfo.InvariantCulture, $"adjust without enrolment: not enrolled at unit {unit} for {kind} on {e.Date:yyyy-MM-dd}")));
                    }

                    // An adjustment on the first day of a segment replaces its salary; later ones split it.
                    if (e.Date > segmentStart)
                    {
                        segments.Add(new TimelineSegment(unit!, kind!, periodStart, null, segmentStart, e.Date.AddDays(-1), salary));
                        segmentStart = e.Date;
                    }

                    salary = e.InsuredSalary ?? salary;
                    break;
                default:
                    if (!open)
                    {
                        return (segments, new TimelineConflict(e, string.Create(
                            CultureInfo.InvariantCulture, $"withdraw without enrolment: not enrolled at unit {unit} for {kind} on {e.Date:yyyy-MM-dd}")));
                    }

                    segments.Add(new TimelineSegment(unit!, kind!, periodStart, null, segmentStart, e.Date, salary));
                    for (var i = firstOfPeriod; i < segments.Count; i++)
                    {
                        segments[i] = segments[i] with { PeriodEnd = e.Date };
                    }

                    open = false;
                    break;
            }
        }

        if (open)
        {
            segments.Add(new TimelineSegment(unit!, kind!, periodStart, null, segmentStart, null, salary));
        }

        return (segments, null);
    }
}
