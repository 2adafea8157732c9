using System.Text.RegularExpressions;
using Laobao.Client;
using Laobao.Tests.Browser;
using Laobao.Web.Features.Alerts;
using Laobao.Web.Features.Cases;
using Laobao.Web.Localization;
using Laobao.Web.Tests.Accessibility;
using Laobao.Web.Tests.App;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace Laobao.Web.Tests.Features.RecordHealth;

/// <summary>
/// Issue 18's end-to-end proof in Chromium, every part real (<see cref="RecordHealthDesk"/>): 王小明 signs in to the
/// e-desk with his demo card and links the phone app; an import (the real importer) drops his insured salary and
/// withdraws him; the app and the e-desk show one notice and exactly one coalesced alert mail reaches the SMTP server;
/// he reports a problem from a finding of the record check; 林佳蓉 signs in with her own demo staff card, opens /staff
/// and answers; he sees the answer on the e-desk and in the app, gets the mail of every step, and his activity shows
/// that staff looked at his record for his case. Both languages; axe-core on every page visited.
/// </summary>
[Collection(RecordHealthJourneyCollection.Name)]
public sealed class RecordHealthJourneyBrowserTests
{
    private const string Unit = "333333333";
    private const string CoverageHeader = "id_number,unit_code,event,date,kinds,insured_salary";

    [Theory]
    [InlineData("zh-TW")]
    [InlineData("en")]
    public async Task An_import_alerts_once_the_person_reports_from_a_finding_staff_answer_with_their_own_card_and_the_person_sees_it(string lang)
    {
        var language = lang == "en" ? UiLanguage.En : UiLanguage.ZhTw;
        var english = language == UiLanguage.En;
        await using var journey = await RecordHealthDesk.StartAsync();
        var origin = journey.Origin;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        // Before today: a job at a third unit, imported without alerts (the set-up is not what is alerted).
        await journey.ImportAsync("units", "unit_code,name,name_latin", $"{Unit},丙公司,Bing Co.");
        await journey.ImportAsync("coverage-events", CoverageHeader, $"{People.Wang},{Unit},enrol,2020-01-01,labour+employment,36300", "--no-alerts");

        // 1. 王小明 signs in to the e-desk with his own demo card and links the app on his phone.
        await using var deskContext = await Chromium.NewContextAsync(browser, new BrowserNewContextOptions { Locale = english ? "en-US" : "zh-TW" });
        var desk = await deskContext.NewPageAsync();
        await CardSignInAsync(desk, origin, lang, RecordHealthDesk.Person);
        await AxeAsync(desk, lang, "e-desk home");
        await desk.GotoAsync($"{origin}/desk/devices");
        await Expect(desk.Locator("#link-manual")).ToHaveTextAsync(new Regex("^[B-Z]{4}-[B-Z]{4}$"));
        await AxeAsync(desk, lang, "e-desk devices");

        await using var phoneBrowser = await Chromium.LaunchAsync(playwright);
        var phoneContext = await Chromium.PhoneAsync(phoneBrowser);
        var phone = await phoneContext.NewPageAsync();
        await phone.GotoAsync($"{origin}/app/link?lang={lang}");
        await Chromium.WaitForAppAsync(phone);
        await AxeAsync(phone, lang, "app link");
        var number = await DeskAndPhone.TypeManualCodeAsync(desk, phone, "王○明", origin);
        await DeskAndPhone.PickAsync(desk, _ => number);
        await Expect(phone.Locator("#link-done")).ToBeVisibleAsync();
        await DeskAndPhone.SignInAsync(phone, Accounts.WangEmail, Accounts.WangPassword);
        await AxeAsync(phone, lang, "app home");

        // 2. Today's import: his insured salary drops and he is withdrawn, in one file.
        await journey.ImportAsync("coverage-events", CoverageHeader,
            $"{People.Wang},{Unit},adjust,2026-01-01,labour+employment,29500\n{People.Wang},{Unit},withdraw,2026-02-27,labour+employment,");
        var changes = AlertCopy.Describe(AlertChanges.Withdrawn | AlertChanges.SalaryChanged).In(language);

        // 3. The app shows one notice (its home loads notices afresh when opened by the app's own links).
        await DeskAndPhone.OpenFromHomeAsync(phone, "#menu-reports");
        await phone.Locator("header a.brand").ClickAsync();
        var appNotice = phone.Locator("#notices .notice-item");
        await Expect(appNotice).ToHaveCountAsync(1);
        await Expect(appNotice).ToHaveAttributeAsync("data-changes", "withdrawn,salary-changed");
        await Expect(appNotice).ToContainTextAsync(changes);
        await AxeAsync(phone, lang, "app home with a notice");

        // 4. So does the e-desk: the home menu counts it, the notices page says it.
        await desk.GotoAsync($"{origin}/desk");
        await Expect(desk.Locator("#menu-notices")).ToContainTextAsync(english ? "Notices (1)" : "通知（1）");
        await AxeAsync(desk, lang, "e-desk home with a notice");
        await desk.Locator("#menu-notices").ClickAsync();
        await desk.WaitForPageAsync(new Regex("/desk/notices$"));
        var deskNotice = desk.Locator("#notices .notice-item");
        await Expect(deskNotice).ToHaveCountAsync(1);
        await Expect(deskNotice).ToContainTextAsync(changes);
        await AxeAsync(desk, lang, "e-desk notices");

        // 5. One coalesced alert mail at the SMTP server (for the salary change and the withdrawal together).
        var alertMail = await WaitForMailAsync(journey, subject => subject.Contains("紀錄有異動", StringComparison.Ordinal));
        Assert.Contains("record changed", alertMail.Subject, StringComparison.Ordinal);
        Assert.Contains(AlertCopy.Describe(AlertChanges.Withdrawn | AlertChanges.SalaryChanged).ZhTw, alertMail.TextBody, StringComparison.Ordinal);
        Assert.Contains(AlertCopy.Describe(AlertChanges.Withdrawn | AlertChanges.SalaryChanged).En, alertMail.TextBody, StringComparison.Ordinal);

        // 6. He reports a problem from a finding at the top of 投保資料查詢.
        await desk.GotoAsync($"{origin}/desk/inquiry/coverage");
        await Expect(desk.Locator("#health-findings .health-finding").First).ToBeVisibleAsync();
        await AxeAsync(desk, lang, "coverage with the record check");
        var finding = desk.Locator("#health-findings .health-finding").First;
        var code = await finding.GetAttributeAsync("data-code");
        await finding.Locator("a.health-report").ClickAsync();
        await desk.WaitForPageAsync(new Regex("/desk/cases/new\\?code="));
        await Expect(desk.Locator("#Code")).ToHaveValueAsync(code!);
        await AxeAsync(desk, lang, "report a problem");
        var comment = english
            ? "My insured salary was lowered from January 2026 and I was withdrawn at the end of February, but I did not leave."
            : "2026 年 1 月起投保薪資被調低，而且 2 月底被退保，我沒有離職。";
        await desk.Locator("#Comment").FillAsync(comment);
        await desk.Locator("#case-send").ClickAsync();
        await desk.WaitForPageAsync(new Regex("/desk/cases/LB-[0-9A-Z]{4}-[0-9A-Z]{4}\\?new=1$"));
        await Expect(desk.Locator("#case-received")).ToBeVisibleAsync();
        var caseNumber = (await desk.Locator("#case-number").InnerTextAsync()).Trim();
        await Expect(desk.Locator("#case-status")).ToHaveAttributeAsync("data-status", CaseStatuses.Received);
        await AxeAsync(desk, lang, "a reported case");
        await WaitForMailAsync(journey, subject => subject.Contains(caseNumber, StringComparison.Ordinal));

        // 7. 林佳蓉 holds the staff role (laobao staff grant) and signs in with her own demo card; she answers at /staff.
        await journey.StaffAsync("grant", RecordHealthDesk.Staff.IdNumber);
        await using var staffContext = await Chromium.NewContextAsync(browser, new BrowserNewContextOptions { Locale = english ? "en-US" : "zh-TW" });
        var staff = await staffContext.NewPageAsync();
        await CardSignInAsync(staff, origin, lang, RecordHealthDesk.Staff);
        await staff.GotoAsync($"{origin}/staff");
        var row = staff.Locator("#staff-cases .case-row", new PageLocatorOptions { HasText = caseNumber });
        await Expect(row).ToHaveAttributeAsync("data-status", CaseStatuses.Received);
        await AxeAsync(staff, lang, "staff, open cases");
        await row.Locator("a").ClickAsync();
        await staff.WaitForPageAsync(new Regex($"/staff/cases/{caseNumber}$"));
        await Expect(staff.Locator("#case-status")).ToHaveAttributeAsync("data-status", CaseStatuses.InReview);
        await Expect(staff.Locator("#case-comment")).ToHaveTextAsync(comment);
        await Expect(staff.Locator("#staff-periods")).ToContainTextAsync(english ? "Bing Co." : "丙公司");
        await AxeAsync(staff, lang, "staff, a case with the record");
        var answer = english
            ? "We asked your employer; the withdrawal was a mistake and has been undone, and your salary is corrected."
            : "已通知雇主更正，退保已撤銷，投保薪資已更正。";
        await staff.Locator("#answer").FillAsync(answer);
        await staff.Locator("#corrected").CheckAsync();
        await staff.Locator("#answer-send").ClickAsync();
        await Expect(staff.Locator("#case-status")).ToHaveAttributeAsync("data-status", CaseStatuses.Corrected);
        await Expect(staff.Locator("#case-answer")).ToHaveTextAsync(answer);
        await AxeAsync(staff, lang, "staff, the answered case");

        // 8. He sees the answer on the e-desk and in the app, and has a mail of each step.
        await desk.GotoAsync($"{origin}/desk/cases/{caseNumber}");
        await Expect(desk.Locator("#case-status")).ToHaveAttributeAsync("data-status", CaseStatuses.Corrected);
        await Expect(desk.Locator("#case-answer")).ToHaveTextAsync(answer);
        await Expect(desk.Locator("#case-history li")).ToHaveCountAsync(3);
        await AxeAsync(desk, lang, "the answered case");
        await desk.GotoAsync($"{origin}/desk");
        await Expect(desk.Locator("#activity")).ToContainTextAsync(ActivityLabels.Action(CaseService.StaffViewAction, english));
        await AxeAsync(desk, lang, "e-desk home with the activity");

        await DeskAndPhone.OpenFromHomeAsync(phone, "#menu-reports");
        var appCase = phone.Locator($"#case-{caseNumber}");
        await Expect(appCase).ToHaveAttributeAsync("data-status", CaseStatuses.Corrected);
        await Expect(appCase.Locator(".case-answer")).ToHaveTextAsync(answer);
        await Expect(appCase.Locator(".case-comment")).ToHaveTextAsync(comment);
        await AxeAsync(phone, lang, "app, my reports");

        // 9. He can report from the app too, from a finding of the record check on 投保資料查詢 (a plain form since issue
        // 20): an empty comment is refused in words, a written one becomes a case with its number.
        await DeskAndPhone.OpenFromHomeAsync(phone, "#menu-coverage");
        await phone.Locator("#record-health a.health-report").First.ClickAsync();
        await phone.WaitForPageAsync(new Regex("/app/report\\?code="));
        await phone.Locator("#report-send").ClickAsync();
        await Expect(phone.Locator("#report-problem")).ToBeVisibleAsync();
        await Expect(phone.Locator("#report-comment")).ToHaveAttributeAsync("aria-describedby", "report-problem");
        await phone.Locator("#report-comment").FillAsync(english ? "My February 2026 was not mine to lose." : "2026 年 2 月的退保不是我的意思。");
        await phone.Locator("#report-send").ClickAsync();
        await Expect(phone.Locator("#report-sent")).ToContainTextAsync(new Regex("LB-[0-9A-Z]{4}-[0-9A-Z]{4}"));
        await AxeAsync(phone, lang, "app, report a problem");

        var corrected = await WaitForMailAsync(journey, subject => subject.Contains(caseNumber + "：已更正", StringComparison.Ordinal));
        Assert.Contains(caseNumber, corrected.TextBody, StringComparison.Ordinal);
        // Received, in review, corrected: a mail of each step.
        Assert.Equal(3, (await WaitForMailsAsync(journey, subject => subject.Contains(caseNumber, StringComparison.Ordinal), 3)).Count);
        // Exactly one alert mail, however many changes and steps came after it.
        Assert.Single(journey.Smtp.MessagesTo(Accounts.WangEmail), m => (m.Subject ?? "").Contains("紀錄有異動", StringComparison.Ordinal));
    }

    private static async Task CardSignInAsync(IPage page, string origin, string lang, DemoCard card)
    {
        await page.GotoAsync($"{origin}/desk/login?lang={lang}");
        await AxeAsync(page, lang, "card sign-in");
        await page.FillAsync("#idNumber", card.IdNumber);
        await page.FillAsync("#birthDate", card.RocBirthDate);
        await page.FillAsync("#pin", card.Pin);
        await page.ClickAsync("#login-button");
        await page.WaitForPageAsync(new Regex("/desk$"));
        await Expect(page.Locator("#person-name")).ToHaveTextAsync(card.Name);
    }

    private static Task AxeAsync(IPage page, string lang, string what) => AccessibilityCases.AssertAccessibleAsync(page, lang, what);

    /// <summary>The first mail to 王小明 whose subject <paramref name="subject"/> picks, waiting for it up to a minute.</summary>
    private static async Task<MimeMessage> WaitForMailAsync(RecordHealthDesk journey, Func<string, bool> subject) =>
        (await WaitForMailsAsync(journey, subject, 1))[0];

    /// <summary>At least <paramref name="count"/> mails to 王小明 whose subject <paramref name="subject"/> picks, waiting up to a minute.</summary>
    private static async Task<IReadOnlyList<MimeMessage>> WaitForMailsAsync(RecordHealthDesk journey, Func<string, bool> subject, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var found = journey.Smtp.MessagesTo(Accounts.WangEmail).Where(m => subject(m.Subject ?? "")).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "the expected mail(s) never reached the SMTP server; subjects: " + string.Join(" | ", journey.Smtp.MessagesTo(Accounts.WangEmail).Select(m => m.Subject)));
            await Task.Delay(200);
        }
    }
}

/// <summary>The journey starts its own hosts and browsers; it runs alone, not beside another browser collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RecordHealthJourneyCollection
{
    public const string Name = "Record health journey";
}
