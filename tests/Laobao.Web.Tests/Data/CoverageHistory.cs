using Laobao.Web.Data;
using Laobao.Web.Data.Coverage;
using Laobao.Web.Data.Entities;

namespace Laobao.Web.Tests.Data;

/// <summary>Adds a person's coverage events and the segments derived from them, as the importer would store them.</summary>
internal static class CoverageHistory
{
    public static void Add(LaobaoDbContext db, string idNumber, TimelineEvent[] events)
    {
        db.CoverageEvents.AddRange(events.Select(e => new CoverageEvent
        {
            IdNumber = idNumber, UnitCode = e.UnitCode, Event = e.Event, Date = e.Date, Kinds = e.Kinds, InsuredSalary = e.InsuredSalary,
        }));
        var (segments, conflict) = CoverageTimeline.Replay(events);
        Assert.Null(conflict);
        db.CoverageSegments.AddRange(segments.Select(s => new CoverageSegment
        {
            IdNumber = idNumber, UnitCode = s.UnitCode, Kind = s.Kind, PeriodStart = s.PeriodStart, PeriodEnd = s.PeriodEnd,
            SegmentStart = s.SegmentStart, SegmentEnd = s.SegmentEnd, InsuredSalary = s.InsuredSalary,
        }));
    }
}
