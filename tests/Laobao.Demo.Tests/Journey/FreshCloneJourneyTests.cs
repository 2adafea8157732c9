using Laobao.Demo.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Laobao.Demo.Tests.Journey;

/// <summary>
/// Issue 8's first must-show and README's <c>./demo.sh</c>, together: the repository cloned into a clean folder,
/// <c>./demo.sh</c> run there on free ports, the seed's whole journey taken by three demo people (in Chinese, in
/// English, and with the e-desk at phone width), then Ctrl-C — after which neither the web host nor the card bridge
/// may be left running.
/// </summary>
public sealed class FreshCloneJourneyTests(ITestOutputHelper log)
{
    [Fact]
    public async Task A_fresh_clone_runs_the_demo_takes_the_whole_journey_three_ways_and_stops_everything_on_ctrl_c()
    {
        // A first run builds everything (Release) on a machine busy with other tests: the limit is generous on purpose.
        await using var demo = await DemoRun.StartFromFreshCloneAsync(TimeSpan.FromMinutes(25));
        try
        {
            Assert.True(demo.WebPid > 0 && demo.BridgePid > 0, "./demo.sh did not name the processes it started:\n" + demo.Output);
            Assert.Contains($"{demo.Origin.GetLeftPart(UriPartial.Authority)}/desk", demo.Output, StringComparison.Ordinal);
            Assert.Contains($"{demo.Origin.GetLeftPart(UriPartial.Authority)}/app/", demo.Output, StringComparison.Ordinal);
            // Issue 14, item 6 and 21: the English app link is printed, and the build runs once and says so.
            Assert.Contains($"{demo.Origin.GetLeftPart(UriPartial.Authority)}/app/?lang=en", demo.Output, StringComparison.Ordinal);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(demo.Output, "demo: building Laobao"));
            Assert.Contains("demo: build done in ", demo.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Build succeeded", demo.Output, StringComparison.Ordinal);
            Assert.Contains($"{demo.Origin.GetLeftPart(UriPartial.Authority)}/desk/mailbox", demo.Output, StringComparison.Ordinal);
            var people = DemoPeople.Read(demo.Clone);
            foreach (var person in people)
            {
                Assert.Contains($"{person.IdNumber}  {person.RocBirthDate} ({person.BirthDate:yyyy-MM-dd})", demo.Output, StringComparison.Ordinal);
            }

            using var playwright = await Playwright.CreateAsync();
            await RevokedCard.IsRefusedAsync(playwright, demo, DemoPeople.Card(people, "wang-old"));
            await new Journey(playwright, demo, DemoPeople.Card(people, "wang"), new JourneyView("zh", "zh-TW", 1280, 900),
                "wang.hsiao-ming@example.tw", "颱風天在家煮一鍋番茄牛肉麵").RunAsync();
            await new Journey(playwright, demo, DemoPeople.Card(people, "miller"), new JourneyView("en", "en", 1280, 900),
                "john.miller@example.tw", "Sunday hike from Yangmingshan down to Beitou hot springs").RunAsync();
            await new Journey(playwright, demo, DemoPeople.Card(people, "nguyen"), new JourneyView("phone", "zh-TW", 390, 844),
                "nguyen.thi.lan@example.tw", "Bánh mì và trà sữa trân châu ở chợ đêm").RunAsync();
        }
        finally
        {
            log.WriteLine(demo.Output);
            log.WriteLine("---- web host log (end) ----\n" + demo.LogTail("web"));
            log.WriteLine("---- card bridge log (end) ----\n" + demo.LogTail("card-bridge"));
        }

        var exitCode = await demo.InterruptAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(130, exitCode);
        Assert.Contains("stopped the card bridge and the web host", demo.Output, StringComparison.Ordinal);
        Assert.False(DemoRun.IsLaobaoProcess(demo.WebPid), $"the web host (pid {demo.WebPid}) still runs after Ctrl-C");
        Assert.False(DemoRun.IsLaobaoProcess(demo.BridgePid), $"the card bridge (pid {demo.BridgePid}) still runs after Ctrl-C");
        Assert.False(DemoRun.Listens(demo.WebPort), $"something still listens on the web port {demo.WebPort}");
        Assert.False(DemoRun.Listens(demo.BridgePort), $"something still listens on the bridge port {demo.BridgePort}");
        var left = demo.ProcessesInClone();
        Assert.True(left.Count == 0, "processes started by ./demo.sh are still running:\n" + string.Join('\n', left));
    }
}
