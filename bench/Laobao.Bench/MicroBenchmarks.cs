using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Laobao.Web.Data;
using Laobao.Web.Data.Coverage;

namespace Laobao.Bench;

internal static class MicroBenchmarks
{
    public static int Run(string[] args)
    {
        BenchmarkSwitcher.FromTypes([typeof(TimelineBenchmarks), typeof(PasswordHashingBenchmarks)]).Run(args);
        return 0;
    }
}

/// <summary>The replay every coverage import batch runs per touched person.</summary>
[MemoryDiagnoser]
public class TimelineBenchmarks
{
    private TimelineEvent[] career = [];

    [GlobalSetup]
    public void Setup()
    {
        var events = new List<TimelineEvent>();
        var start = new DateOnly(2000, 1, 1);
        for (var job = 0; job < 4; job++)
        {
            var unit = (100_000_000 + job).ToString(System.Globalization.CultureInfo.InvariantCulture);
            events.Add(new(unit, Codes.Enrol, start, "labour+employment", 27_470));
            for (var year = 1; year < 5; year++)
            {
                events.Add(new(unit, Codes.Adjust, start.AddYears(year), "labour+employment", 27_470 + (year * 1000)));
            }

            events.Add(new(unit, Codes.Withdraw, start.AddYears(5).AddDays(-1), "labour+employment", null));
            start = start.AddYears(5);
        }

        career = [.. events];
    }

    [Benchmark]
    public int ReplayTwentyFourEventCareer() => CoverageTimeline.Replay(career).Segments.Count;
}
