using System.Net;
using System.Text.RegularExpressions;
using Laobao.Web.Features.Cases;
using Laobao.Web.Features.Staff;
using Laobao.Web.Mail;
using Laobao.Web.Security.Audit;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Tests.Features.Cases;

/// <summary>Posts the e-desk's and the staff pages' forms as a browser would: the page's antiforgery token with the fields.</summary>
internal static partial class CaseForms
{
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string page, IEnumerable<KeyValuePair<string, string>> fields, string? postTo = null)
    {
        var html = await http.GetStringAsync(new Uri(page, UriKind.Relative));
        var token = WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
        Assert.False(string.IsNullOrEmpty(token), $"{page} carries no antiforgery token");
        using var form = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]);
        return await http.PostAsync(new Uri(postTo ?? page, UriKind.Relative), form);
    }

    /// <summary>Reports a problem on the e-desk and returns the new case's number (from the redirect).</summary>
    public static async Task<string> ReportAsync(DeskBrowser desk, string comment, string query = "code=pension-month-missing&unit=222222222&from=2024-01&to=2024-03")
    {
        using var response = await PostFormAsync(desk.Http, "desk/cases/new?" + query, [new("Comment", comment)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var number = Regex.Match(location, "/desk/cases/(LB-[0-9A-Z]{4}-[0-9A-Z]{4})").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(number), location);
        return number;
    }

    public static async Task GrantStaffAsync(MobileWorld world, string idNumber)
    {
        await using var db = world.Database.Context();
        db.Set<StaffMember>().Add(new StaffMember { IdNumber = idNumber, GrantedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
    }

    public static async Task<List<OutboxMessage>> MailsAsync(MobileWorld world, MailTemplate template)
    {
        await using var db = world.Database.Context();
        return await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.Template == template.ToString()).OrderBy(m => m.Id).ToListAsync();
    }

    public static async Task<List<AuditRecord>> AuditAsync(MobileWorld world, string idNumber)
    {
        await using var db = world.Database.Context();
        return await db.Set<AuditRecord>().AsNoTracking().Where(a => a.SubjectIdNumber == idNumber).OrderBy(a => a.Id).ToListAsync();
    }

    public static async Task<RecordCase> CaseAsync(MobileWorld world, string number)
    {
        await using var db = world.Database.Context();
        return await db.Set<RecordCase>().AsNoTracking().SingleAsync(c => c.Number == number);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
