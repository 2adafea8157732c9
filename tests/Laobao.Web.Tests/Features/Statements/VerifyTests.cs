using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Laobao.Client;
using Laobao.Web.Features.Statements;
using Laobao.Web.Security.Audit;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Tests.Features.Statements;

/// <summary>The public check (SPEC §10): /verify and GET /api/v1/statements/{code}.</summary>
public sealed class VerifyTests
{
    [Fact]
    public async Task AValidStatementIsReportedWithKindDateMaskedHolderAndHashAndTheHolderSeesTheCheck()
    {
        await using var world = await StatementWebWorld.CreateAsync();
        var statement = await world.IssueAsync(StatementPeople.Short, StatementKinds.Coverage);
        var http = world.Http("203.0.113.7");

        var api = await http.GetFromJsonAsync<StatementCheckView>(new Uri($"api/v1/statements/{statement.Code}", UriKind.Relative));
        Assert.Equal(
            (StatementCode.Grouped(statement.Code), "valid", "coverage", "115/03/02 (2026-03-02)", "115/05/31 (2026-05-31)", "F22****558", statement.Sha256),
            (api!.Code, api.Status, api.Kind, api.IssuedOn.Display, api.ValidUntil.Display, api.Holder, api.Sha256));

        // Typed by hand: lower case, hyphens, O for 0 and L for 1 are forgiven.
        var typed = StatementCode.Grouped(statement.Code).ToLowerInvariant().Replace('0', 'o').Replace('1', 'l');
        var page = await http.GetAsync(new Uri($"verify/{typed}?lang=en", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Valid", html, StringComparison.Ordinal);
        Assert.Contains("F22****558", html, StringComparison.Ordinal);
        Assert.Contains(statement.Sha256, html, StringComparison.Ordinal);
        Assert.Contains("115/03/02 (2026-03-02)", html, StringComparison.Ordinal);
        var zh = await http.GetStringAsync(new Uri($"verify/{statement.Code}?lang=zh-TW", UriKind.Relative));
        Assert.Contains("有效", zh, StringComparison.Ordinal);
        Assert.Contains("勞工保險投保證明", zh, StringComparison.Ordinal);

        AssertRevealsNothingOfTheRecord(html);
        AssertRevealsNothingOfTheRecord(zh);
        AssertRevealsNothingOfTheRecord(JsonSerializer.Serialize(api));

        await using var db = world.Database.Settings.CreateContext();
        var checks = await db.Set<AuditRecord>().Where(r => r.SubjectIdNumber == StatementPeople.Short && r.Action == StatementVerification.AuditAction).ToListAsync();
        Assert.Equal(3, checks.Count);
        Assert.All(checks, c => Assert.Equal("203.0.113.7", c.ClientAddress));
    }

    [Fact]
    public async Task ARevokedStatementIsReportedRevoked()
    {
        await using var world = await StatementWebWorld.CreateAsync();
        var statement = await world.IssueAsync(StatementPeople.Long, StatementKinds.Pension);
        await world.RevokeAsync(StatementPeople.Long, statement.Code);

        var api = await world.Http().GetFromJsonAsync<StatementCheckView>(new Uri($"api/v1/statements/{statement.Code}", UriKind.Relative));
        Assert.Equal(("revoked", "pension"), (api!.Status, api.Kind));
        var html = await world.Http().GetStringAsync(new Uri($"verify/{statement.Code}?lang=en", UriKind.Relative));
        Assert.Contains("Revoked", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStatementExpiresNinetyDaysAfterIssue()
    {
        await using var world = await StatementWebWorld.CreateAsync();
        var statement = await world.IssueAsync(StatementPeople.Short, StatementKinds.Coverage);

        world.Time.Advance(TimeSpan.FromDays(90) - TimeSpan.FromMinutes(1));
        Assert.Equal("valid", (await world.Http().GetFromJsonAsync<StatementCheckView>(new Uri($"api/v1/statements/{statement.Code}", UriKind.Relative)))!.Status);
        world.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("expired", (await world.Http().GetFromJsonAsync<StatementCheckView>(new Uri($"api/v1/statements/{statement.Code}", UriKind.Relative)))!.Status);
        var html = await world.Http().GetStringAsync(new Uri($"verify/{statement.Code}?lang=en", UriKind.Relative));
        Assert.Contains("Expired", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ZZZZ-ZZZZ-ZZZZ-ZZZZ")]
    [InlineData("not a code")]
    [InlineData("ABCD")]
    [InlineData("UUUUUUUUUUUUUUUU")]
    [InlineData("%3Cscript%3E")]
    public async Task UnknownAndMalformedCodesGetTheSameAnswer(string code)
    {
        await using var world = await StatementWebWorld.CreateAsync();
        await world.IssueAsync(StatementPeople.Short, StatementKinds.Coverage);
        var http = world.Http();

        var reference = await http.GetAsync(new Uri("api/v1/statements/0000000000000000", UriKind.Relative));
        var answer = await http.GetAsync(new Uri("api/v1/statements/" + code, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal(reference.StatusCode, answer.StatusCode);
        Assert.Equal(await Problem(reference), await Problem(answer));

        var referencePage = await http.GetAsync(new Uri("verify/0000000000000000?lang=en", UriKind.Relative));
        var page = await http.GetAsync(new Uri("verify/" + code + "?lang=en", UriKind.Relative));
        Assert.Equal(referencePage.StatusCode, page.StatusCode);
        Assert.Equal(Result(await referencePage.Content.ReadAsStringAsync()), Result(await page.Content.ReadAsStringAsync()));
        Assert.Contains("No statement has this code", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookupsAreThrottledPerAddress()
    {
        await using var world = await StatementWebWorld.CreateAsync(lookupsPerAddress: 5);
        var statement = await world.IssueAsync(StatementPeople.Short, StatementKinds.Coverage);
        var noisy = world.Http("198.51.100.9");
        for (var i = 0; i < 5; i++)
        {
            var code = i % 2 == 0 ? statement.Code : "0000000000000000";
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await noisy.GetAsync(new Uri("api/v1/statements/" + code, UriKind.Relative))).StatusCode);
        }

        var limited = await noisy.GetAsync(new Uri("api/v1/statements/" + statement.Code, UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("rate-limited", (await Problem(limited)).Code);
        var page = await noisy.GetAsync(new Uri("verify/" + statement.Code + "?lang=en", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("Too many checks", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The limit is the address's, not everyone's.
        Assert.Equal(HttpStatusCode.OK, (await world.Http("198.51.100.10").GetAsync(new Uri("api/v1/statements/" + statement.Code, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task AnUploadedFileIsIdenticalOnlyWhenEveryByteIs()
    {
        await using var world = await StatementWebWorld.CreateAsync();
        var statement = await world.IssueAsync(StatementPeople.Short, StatementKinds.Coverage);
        var http = world.Http();

        var same = await Compare(http, statement.Code, statement.Pdf);
        Assert.True(same.Identical);
        Assert.Equal(statement.Sha256, same.UploadedSha256);

        var flipped = statement.Pdf.ToArray();
        flipped[StatementPdfTests.FlipTarget(flipped)] ^= 0x01;
        var altered = await Compare(http, statement.Code, flipped);
        Assert.False(altered.Identical);
        Assert.Equal(statement.Sha256, altered.IssuedSha256);

        // The page's upload form gives the same verdict.
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(flipped);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "statement.pdf");
        var html = await (await http.PostAsync(new Uri($"verify/{statement.Code}?lang=en", UriKind.Relative), form)).Content.ReadAsStringAsync();
        Assert.Contains("Not identical", html, StringComparison.Ordinal);
        using var good = new MultipartFormDataContent();
        var original = new ByteArrayContent(statement.Pdf);
        original.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        good.Add(original, "file", "statement.pdf");
        html = await (await http.PostAsync(new Uri($"verify/{statement.Code}?lang=en", UriKind.Relative), good)).Content.ReadAsStringAsync();
        Assert.Contains("Identical: the uploaded file is the file that was issued", html, StringComparison.Ordinal);
    }

    private static async Task<StatementUploadCheckView> Compare(HttpClient http, string code, byte[] pdf)
    {
        using var body = new ByteArrayContent(pdf);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var response = await http.PostAsync(new Uri($"api/v1/statements/{code}/compare", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<StatementUploadCheckView>())!;
    }

    /// <summary>SPEC §10: status, kind, issue date, masked holder, hash — never the name, the ID, a unit or a figure.</summary>
    private static void AssertRevealsNothingOfTheRecord(string text)
    {
        foreach (var secret in new[] { "林美華", "LIN Mei-hua", StatementPeople.Short, "和平文具", "Heping", "310000001", "26,400", "26400", "38,200", "38200", "1988" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    private static async Task<(string? Code, string? Title, int? Status)> Problem(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        return (root.GetProperty("code").GetString(), root.GetProperty("title").GetString(), root.GetProperty("status").GetInt32());
    }

    private static string Result(string html)
    {
        var start = html.IndexOf("<section aria-labelledby=\"result-title\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no result section");
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }
}
