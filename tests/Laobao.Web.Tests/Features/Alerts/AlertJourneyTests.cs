extern alias ops;

using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Laobao.Client;
using Laobao.Web.Data;
using Laobao.Web.Features.Alerts;
using Laobao.Web.Features.Cases;
using Laobao.Web.Tests.Features.Cases;
using Laobao.Web.Tests.Features.MobileApi;
using Laobao.Web.Tests.Mail;
using Microsoft.EntityFrameworkCore;
using ImportCommand = ops::Laobao.Ops.Import.ImportCommand;

namespace Laobao.Web.Tests.Features.Alerts;

/// <summary>
/// Issue 18's journey over HTTP, with the real importer and a real SMTP server on loopback: an import withdraws 王小明 and
/// drops his salary → one notice (app and e-desk), one coalesced mail; he reports a problem from a finding; staff (陳美,
/// holding the role) open and answer it; he reads the answer and gets a mail at every step; both languages.
/// </summary>
public sealed class AlertJourneyTests
{
    private const string Unit = "333333333";

    [Fact]
    public async Task An_import_alerts_the_person_once_and_a_report_from_a_finding_is_answered_by_staff()
    {
        await using var smtp = await SmtpCaptureServer.StartNewAsync();
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite, settings: new Dictionary<string, string>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:LocalMailbox"] = "false",
            ["Mail:PollInterval"] = "00:00:00.100",
            ["Alerts:MailDelay"] = "00:00:00",
            ["Alerts:PollInterval"] = "00:00:00.100",
        });
        var folder = Directory.CreateTempSubdirectory("laobao-alerts-").FullName;
        try
        {
            // A job at a third unit, imported before today's import (no alert wanted for the set-up).
            Assert.Equal(0, await ImportAsync(world, folder, "units", "unit_code,name,name_latin", $"{Unit},丙公司,Bing Co."));
            Assert.Equal(0, await ImportAsync(world, folder, "coverage-events", "id_number,unit_code,event,date,kinds,insured_salary",
                $"{People.Wang},{Unit},enrol,2020-01-01,labour+employment,36300", "--no-alerts"));
            await using (var db = world.Database.Context())
            {
                Assert.Equal(0, await db.Set<RecordAlert>().CountAsync());
            }

            // Today's import: a salary drop and a withdrawal in one file.
            Assert.Equal(0, await ImportAsync(world, folder, "coverage-events", "id_number,unit_code,event,date,kinds,insured_salary",
                $"{People.Wang},{Unit},adjust,2026-01-01,labour+employment,29500\n{People.Wang},{Unit},withdraw,2026-02-27,labour+employment,"));

            // The app's notice, both languages.
            using var phone = await world.LinkPhoneAsync(People.Wang);
            var tokens = await phone.SignInAsync();
            var notices = await phone.Api.GetNoticesAsync(tokens.AccessToken);
            var notice = Assert.Single(notices.Notices);
            Assert.Equal(["withdrawn", "salary-changed"], notice.Changes);
            Assert.Contains("退保、投保薪資調整", notice.Text, StringComparison.Ordinal);
            Assert.Contains("115/03/01 (2026-03-01)", notice.Text, StringComparison.Ordinal);
            Assert.True(notices.MailAlerts);
            using var http = world.Http();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
            var english = (await http.GetFromJsonAsync<NoticesView>(new Uri("api/v1/me/notices?lang=en", UriKind.Relative)))!;
            Assert.Contains("you were withdrawn; your insured salary changed", english.Notices[0].Text, StringComparison.Ordinal);

            // The e-desk's notice and menu.
            var desk = phone.Desk;
            var home = await desk.Http.GetStringAsync(new Uri("desk?lang=zh-TW", UriKind.Relative));
            Assert.Contains("通知（1）", home, StringComparison.Ordinal);
            var deskNotices = await desk.Http.GetStringAsync(new Uri("desk/notices?lang=en", UriKind.Relative));
            Assert.Contains("you were withdrawn; your insured salary changed", deskNotices, StringComparison.Ordinal);

            // One coalesced mail at the real SMTP server (beside the mail that the phone was linked).
            var alertMail = Assert.Single(await smtp.WaitForAsync(Accounts.WangEmail, 2), m => m.Subject!.Contains("紀錄有異動", StringComparison.Ordinal));
            Assert.Contains("紀錄有異動", alertMail.Subject, StringComparison.Ordinal);
            Assert.Contains("record changed", alertMail.Subject, StringComparison.Ordinal);
            Assert.Contains("退保、投保薪資調整", alertMail.TextBody, StringComparison.Ordinal);

            // He reports a problem from a finding on 投保資料查詢.
            var coverage = await desk.Http.GetStringAsync(new Uri("desk/inquiry/coverage", UriKind.Relative));
            var link = System.Net.WebUtility.HtmlDecode(Regex.Match(coverage, "class=\"health-report\" href=\"/([^\"]+)\"").Groups[1].Value);
            Assert.StartsWith("desk/cases/new?code=", link, StringComparison.Ordinal);
            using (var posted = await CaseForms.PostFormAsync(desk.Http, link, [new("Comment", "2026 年 1 月起投保薪資被調低，而且 2 月底被退保，我沒有離職。")]))
            {
                Assert.Equal(System.Net.HttpStatusCode.Redirect, posted.StatusCode);
            }

            var number = Assert.Single(await phone.Api.GetCasesAsync(tokens.AccessToken)).Number;
            await smtp.WaitForAsync(Accounts.WangEmail, 3);

            // Staff answer.
            await CaseForms.GrantStaffAsync(world, People.Chen);
            var staff = await world.DeskAsync(People.Chen);
            Assert.Contains(number, await staff.Http.GetStringAsync(new Uri("staff", UriKind.Relative)), StringComparison.Ordinal);
            await staff.Http.GetStringAsync(new Uri("staff/cases/" + number, UriKind.Relative));
            using (var answered = await CaseForms.PostFormAsync(staff.Http, "staff/cases/" + number, [new("answer", "已通知雇主更正，退保已撤銷。"), new("corrected", "true")]))
            {
                Assert.Equal(System.Net.HttpStatusCode.Redirect, answered.StatusCode);
            }

            // He sees the answer (app and e-desk, both languages) and has a mail for each step.
            var seen = await phone.Api.GetCaseAsync(tokens.AccessToken, number);
            Assert.Equal((CaseStatuses.Corrected, "已通知雇主更正，退保已撤銷。"), (seen.Status, seen.Answer));
            Assert.Equal([CaseStatuses.Received, CaseStatuses.InReview, CaseStatuses.Corrected], seen.History.Select(h => h.Status));
            var page = await desk.Http.GetStringAsync(new Uri("desk/cases/" + number + "?lang=en", UriKind.Relative));
            Assert.Contains("corrected", page, StringComparison.Ordinal);
            Assert.Contains("已通知雇主更正，退保已撤銷。", page, StringComparison.Ordinal);
            var mails = await smtp.WaitForAsync(Accounts.WangEmail, 5);
            Assert.Equal(3, mails.Count(m => m.Subject!.Contains(number, StringComparison.Ordinal)));
            Assert.Single(mails, m => m.Subject!.Contains("紀錄有異動", StringComparison.Ordinal));
            Assert.Contains(mails, m => m.Subject!.Contains(number + "：已更正", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> ImportAsync(MobileWorld world, string folder, string kind, string header, string rows, params string[] options)
    {
        var path = Path.Combine(folder, kind + "-" + Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllTextAsync(path, header + "\n" + rows + "\n", new UTF8Encoding(false));
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await ImportCommand.RunAsync(world.Database.Settings, world.Time, [kind, path, .. options], output, error, CancellationToken.None);
        Assert.True(code == 0, $"import {kind}: {output}{error}");
        return code;
    }
}
