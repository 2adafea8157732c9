using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Laobao.Client;
using Laobao.Web.Data;
using Laobao.Web.Features.Cases;
using Laobao.Web.Mail;
using Laobao.Web.Tests.Features.MobileApi;

namespace Laobao.Web.Tests.Features.Cases;

/// <summary>Report a problem, its case and history, staff answering it (SPEC §12), on the hand-made people of <see cref="People"/>.</summary>
public sealed class CaseTests
{
    [Fact]
    public async Task A_report_from_a_finding_becomes_a_received_case_with_a_mail_and_staff_answer_it()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        var wang = await world.DeskAsync(People.Wang);
        var number = await CaseForms.ReportAsync(wang, "2024 年 1–3 月雇主沒有提繳。");

        var stored = await CaseForms.CaseAsync(world, number);
        Assert.Equal((CaseStatuses.Received, "pension-month-missing", "222222222", new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 1)), (stored.Status, stored.Topic, stored.UnitCode, stored.FromMonth, stored.ToMonth));
        var page = await wang.Http.GetStringAsync(new Uri("desk/cases/" + number + "?new=1", UriKind.Relative));
        Assert.Contains("已收件", page, StringComparison.Ordinal);
        Assert.Contains("113/01 (2024-01)–113/03 (2024-03)", page, StringComparison.Ordinal);
        var mail = Assert.Single(await CaseForms.MailsAsync(world, MailTemplate.CaseStatus));
        Assert.Equal(Accounts.WangEmail, mail.ToAddress);
        Assert.Contains(await CaseForms.AuditAsync(world, People.Wang), a => a.Action == CaseService.ReportAction);

        // 陳美 holds the staff role: the list shows the case; opening it moves it to in review, with a mail.
        await CaseForms.GrantStaffAsync(world, People.Chen);
        var staff = await world.DeskAsync(People.Chen);
        var list = await staff.Http.GetStringAsync(new Uri("staff", UriKind.Relative));
        Assert.Contains(number, list, StringComparison.Ordinal);
        var open = await staff.Http.GetStringAsync(new Uri("staff/cases/" + number + "?lang=en", UriKind.Relative));
        Assert.Contains("A12****789", open, StringComparison.Ordinal);
        Assert.Contains("Months without a labour-pension contribution", open, StringComparison.Ordinal);
        Assert.Equal(CaseStatuses.InReview, (await CaseForms.CaseAsync(world, number)).Status);
        Assert.Equal(2, (await CaseForms.MailsAsync(world, MailTemplate.CaseStatus)).Count);

        using var answered = await CaseForms.PostFormAsync(staff.Http, "staff/cases/" + number, [new("answer", "已請雇主補繳 2024 年 1–3 月。"), new("corrected", "false")]);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal(CaseStatuses.Answered, (await CaseForms.CaseAsync(world, number)).Status);
        Assert.Equal(3, (await CaseForms.MailsAsync(world, MailTemplate.CaseStatus)).Count);

        // The person sees the answer and the whole history, and their activity history says staff looked at their record.
        var seen = await wang.Http.GetStringAsync(new Uri("desk/cases/" + number + "?lang=en", UriKind.Relative));
        Assert.Contains("已請雇主補繳 2024 年 1–3 月。", seen, StringComparison.Ordinal);
        Assert.Contains("answered", seen, StringComparison.Ordinal);
        Assert.Contains("in review", seen, StringComparison.Ordinal);
        var audit = await CaseForms.AuditAsync(world, People.Wang);
        Assert.Contains(audit, a => a.Action == CaseService.StaffViewAction);
        Assert.Contains(audit, a => a.Action == CaseService.StaffAnswerAction);
        var home = await wang.Http.GetStringAsync(new Uri("desk?lang=en", UriKind.Relative));
        Assert.Contains("Bureau staff looked at your report and record for your case", home, StringComparison.Ordinal);
        Assert.Contains(await CaseForms.AuditAsync(world, People.Chen), a => a.Action == CaseService.StaffViewAction);
    }

    [Fact]
    public async Task The_app_reports_a_problem_and_reads_its_case_through_the_api()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var phone = await world.LinkPhoneAsync(People.Wang);
        var tokens = await phone.SignInAsync();

        var created = await phone.Api.ReportAsync(tokens.AccessToken, new CaseRequest("month", null, "2025-03", null, "三月的薪資不對"));
        Assert.Equal(CaseStatuses.Received, created.Status);
        Assert.Equal("114/03 (2025-03)", created.FromMonth!.Display);
        var again = await phone.Api.GetCaseAsync(tokens.AccessToken, created.Number.ToLowerInvariant());
        Assert.Equal(created.Number, again.Number);
        Assert.Single(await phone.Api.GetCasesAsync(tokens.AccessToken));

        using var http = world.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var bad = await http.PostAsJsonAsync(new Uri("api/v1/me/cases?lang=en", UriKind.Relative), new CaseRequest("month", null, "2025-13", null, "x"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("case-month-invalid", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("year-month", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
