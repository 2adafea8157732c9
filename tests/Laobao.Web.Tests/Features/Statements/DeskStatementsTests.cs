using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Laobao.Web.Features.Statements;
using Laobao.Web.Security.Audit;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Tests.Features.Statements;

/// <summary>個人查詢 → 投保證明 / Statements and 個人資料下載 on the e-desk: issue, list, download, revoke, my data, all in the activity history.</summary>
public sealed partial class DeskStatementsTests
{
    [Fact]
    public async Task APersonIssuesDownloadsAndRevokesAStatementAndSeesItInTheirActivity()
    {
        await using var world = await StatementWebWorld.CreateAsync();
        var http = world.Http("192.0.2.44");
        (await http.GetAsync(new Uri("test/desk-sign-in?id=" + StatementPeople.Short, UriKind.Relative))).EnsureSuccessStatusCode();

        var menu = await http.GetStringAsync(new Uri("desk/inquiry?lang=zh-TW", UriKind.Relative));
        Assert.Contains("投保證明", menu, StringComparison.Ordinal);
        var page = await http.GetStringAsync(new Uri("desk/inquiry/statements", UriKind.Relative));
        Assert.Contains("尚未產生任何證明", page, StringComparison.Ordinal);

        var issued = await PostAsync(http, page, "Issue", new() { ["kind"] = "coverage" });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var html = await issued.Content.ReadAsStringAsync();
        var grouped = IssuedCode().Match(html).Groups[1].Value;
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", grouped);
        var code = grouped.Replace("-", "", StringComparison.Ordinal);
        Assert.Contains("115/03/02 (2026-03-02)", html, StringComparison.Ordinal);

        var pdf = await http.GetAsync(new Uri($"desk/inquiry/statements?handler=Pdf&code={code}", UriKind.Relative));
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        await using (var db = world.Database.Settings.CreateContext())
        {
            Assert.Equal((await db.Set<IssuedStatement>().SingleAsync()).Pdf, bytes);
        }

        var revoked = await PostAsync(http, html, "Revoke", new() { ["code"] = code });
        Assert.Contains("已註銷", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await world.Http().GetAsync(new Uri("api/v1/statements/" + code, UriKind.Relative))).StatusCode);

        // Another person's code is not theirs to download or revoke.
        var other = await world.IssueAsync(StatementPeople.Long, StatementKinds.Pension);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri($"desk/inquiry/statements?handler=Pdf&code={other.Code}", UriKind.Relative))).StatusCode);

        var zip = await http.GetAsync(new Uri("desk/inquiry/my-data?handler=Zip", UriKind.Relative));
        Assert.Equal("application/zip", zip.Content.Headers.ContentType!.MediaType);
        using (var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync()))
        {
            Assert.Equal([.. MyDataExport.CsvFiles, MyDataExport.JsonFile], archive.Entries.Select(e => e.FullName));
        }

        var home = await http.GetStringAsync(new Uri("desk?lang=en", UriKind.Relative));
        Assert.Contains("Issued a statement", home, StringComparison.Ordinal);
        Assert.Contains("Revoked a statement", home, StringComparison.Ordinal);
        Assert.Contains("A statement was checked on the verification page", home, StringComparison.Ordinal);
        Assert.Contains("Downloaded my data", home, StringComparison.Ordinal);
        await using (var db = world.Database.Settings.CreateContext())
        {
            var actions = await db.Set<AuditRecord>().Where(r => r.SubjectIdNumber == StatementPeople.Short).Select(r => r.Action).ToListAsync();
            Assert.Contains("statement-issue", actions);
            Assert.Contains("statement-revoke", actions);
            Assert.Contains("statement-verify", actions);
            Assert.Contains("my-data-download", actions);
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string page, string handler, Dictionary<string, string> fields)
    {
        var token = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);
        fields["__RequestVerificationToken"] = token;
        using var form = new FormUrlEncodedContent(fields);
        return await http.PostAsync(new Uri($"desk/inquiry/statements?handler={handler}", UriKind.Relative), form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"驗證碼：([0-9A-Z-]{19})")]
    private static partial Regex IssuedCode();
}
