using Laobao.Web.Features.Cases;
using Laobao.Web.Features.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Laobao.Web.Tests.Accessibility.AccessibilityCases;
using static Laobao.Web.Tests.Accessibility.AccessibilityWorld;

namespace Laobao.Web.Tests.Accessibility;

/// <summary>
/// The pages of issue 18 in both languages: notices, reporting a problem (also refused), a case, and the staff pages.
/// axe-core finds no serious or critical WCAG 2.1 A/AA violation. (The record check itself is on the coverage page,
/// which <see cref="DeskPagesAccessibilityTests"/> checks.)
/// </summary>
[Collection(AccessibilityCollection.Name)]
public sealed class RecordHealthAccessibilityTests(AccessibilityWorld world)
{
    private sealed record DeskPage(string Person, string Path, Func<IPage, Task>? Arrange = null);

    private static readonly Dictionary<string, DeskPage> Pages = new(StringComparer.Ordinal)
    {
        ["notices"] = new(Active, "/desk/notices"),
        ["my reports"] = new(Active, "/desk/cases"),
        ["report a problem"] = new(Active, "/desk/cases/new?code=pension-month-missing&unit=222222222&from=2024-01&to=2024-03"),
        ["report a problem, refused"] = new(Active, "/desk/cases/new?code=period", async page =>
        {
            await page.Locator("#Comment").FillAsync("   ");
            await page.Locator("#case-send").ClickAsync();
            await ExpectAsync(page, "#case-problem");
        }),
        ["a reported case"] = new(Active, "/desk/cases/new?code=month&from=2025-03", async page =>
        {
            await page.Locator("#Comment").FillAsync("<b>三月</b> looks wrong");
            await page.Locator("#case-send").ClickAsync();
            await ExpectAsync(page, "#case-received");
        }),
        ["staff, open cases"] = new(Pending, "/staff"),
        ["staff, a case with the record"] = new(Pending, "/staff", async page =>
        {
            await page.Locator("#staff-cases a").First.ClickAsync();
            await ExpectAsync(page, "#answer-form");
        }),
    };

    public static TheoryData<string, string> Cases() => InBothLanguages(Pages.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Record_health_page_has_no_serious_accessibility_violation(string page, string lang)
    {
        await ArrangeStaffAndCaseAsync();
        var desk = Pages[page];
        await using var context = await world.DeskAsync(desk.Person);
        var tab = await context.NewPageAsync();
        var response = await tab.GotoAsync($"{world.Origin}{desk.Path}{(desk.Path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}lang={lang}");
        Assert.NotNull(response);
        Assert.True(response.Status == 200, $"{page}: {desk.Path} answered {response.Status}");
        if (desk.Arrange is not null)
        {
            await desk.Arrange(tab);
        }

        await AssertAccessibleAsync(tab, lang, $"record-health page '{page}'");
    }

    /// <summary>陳美 (the world's pending person) holds the staff role, and 王小明 has a case for her to open.</summary>
    private async Task ArrangeStaffAndCaseAsync()
    {
        await using var db = world.Database.Context();
        if (!await db.Set<StaffMember>().AnyAsync(s => s.IdNumber == Pending))
        {
            db.Set<StaffMember>().Add(new StaffMember { IdNumber = Pending, GrantedAt = DateTime.UtcNow });
        }

        if (!await db.Set<RecordCase>().AnyAsync())
        {
            db.Set<RecordCase>().Add(new RecordCase
            {
                Number = CaseService.NewNumber(), PersonIdNumber = Active, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                Status = CaseStatuses.Received, Topic = CaseTopics.Period, Comment = "請查核 2024 年的投保期間。",
            });
        }

        await db.SaveChangesAsync();
    }
}
