extern alias ops;

using System.Globalization;
using Laobao.Domain.RecordHealth;
using Laobao.Tests.Browser;
using Laobao.Web.Data;
using Laobao.Web.Features.Cases;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Features.RecordHealth;
using Laobao.Web.Features.Staff;
using Laobao.Web.Localization;
using Laobao.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using CaseCommand = ops::Laobao.Ops.Staff.CaseCommand;
using ImportCommand = ops::Laobao.Ops.Import.ImportCommand;
using StaffCommand = ops::Laobao.Ops.Staff.StaffCommand;

namespace Laobao.Web.Tests.Features.RecordHealth;

/// <summary>
/// The demo's record-health people (demo/people/*.csv, demo/people.tsv, the commands demo.sh runs): 周雅婷 has a gap and
/// nothing else, 黃志明 has three missing pension months and an open case, 林佳蓉 holds the staff role.
/// </summary>
public sealed class DemoRecordHealthTests
{
    private const string Zhou = "E223456785";
    private const string Huang = "K112345676";
    private const string Lin = "N224680139";

    [Fact]
    public async Task The_demo_has_a_gap_missing_pension_months_an_open_case_and_a_staff_card()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
        var folder = Directory.CreateTempSubdirectory("laobao-demo-health-").FullName;
        try
        {
            foreach (var kind in new[] { "persons", "units", "coverage-events", "pension-contributions", "pension-earnings" })
            {
                var path = Path.Combine(folder, kind + ".csv");
                File.Copy(Path.Combine(RepositoryPaths.Root(), "demo", "people", kind + ".csv"), path);
                Assert.Equal(0, await RunAsync(w => ImportCommand.RunAsync(database.Settings, time, [kind, path, "--no-alerts"], w.Output, w.Error, CancellationToken.None)));
            }

            Assert.Equal(0, await RunAsync(w => StaffCommand.RunAsync(database.Settings, ["grant", Lin], w.Output, w.Error, time, CancellationToken.None)));
            Assert.Equal(0, await RunAsync(w => CaseCommand.RunAsync(database.Settings, ["open", Huang, "--topic", "pension-month-missing", "--unit", "200000011", "--from", "2025-03", "--to", "2025-05", "--comment", "demo"], w.Output, w.Error, time, CancellationToken.None)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        await using var db = database.Context();
        var reader = new PersonInquiryReader(db, time);
        var zhou = HealthService.Report((await reader.ReadAsync(Zhou, new DateOnly(2026, 12, 7)))!, UiLanguage.En);
        var gap = Assert.Single(zhou.Findings);
        Assert.Equal(HealthCodes.CoverageGap, gap.Code);
        Assert.Equal(("2020-09-01", "2021-01-31", 153), (gap.From!.Iso, gap.To!.Iso, gap.Days!.Value));

        var huang = HealthService.Report((await reader.ReadAsync(Huang, new DateOnly(2026, 12, 7)))!, UiLanguage.ZhTw);
        var missing = Assert.Single(huang.Findings);
        Assert.Equal(HealthCodes.PensionMonthMissing, missing.Code);
        Assert.Equal(["2025-03", "2025-04", "2025-05"], missing.Months.Select(m => m.Iso));
        var open = Assert.Single(await db.Set<RecordCase>().AsNoTracking().ToListAsync());
        Assert.Equal((Huang, CaseStatuses.Received), (open.PersonIdNumber, open.Status));
        Assert.True(await db.Set<StaffMember>().AnyAsync(s => s.IdNumber == Lin));

        // demo.sh prints these three in its table (demo/people.tsv) with valid cards.
        var table = await File.ReadAllLinesAsync(Path.Combine(RepositoryPaths.Root(), "demo", "people.tsv"));
        foreach (var id in new[] { Zhou, Huang, Lin })
        {
            Assert.Contains(table, line => line.Split('\t') is var f && f[1] == id && f[5] == "valid");
        }
    }

    private static async Task<int> RunAsync(Func<(StringWriter Output, StringWriter Error), Task<int>> run)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await run((output, error));
        Assert.True(code == 0, $"{output}{error}");
        return code;
    }
}
