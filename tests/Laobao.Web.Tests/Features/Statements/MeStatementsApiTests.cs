extern alias ops;

using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Laobao.Client;
using Laobao.Web.Data;
using Laobao.Web.Features.Statements;
using Laobao.Web.Security.Audit;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ops::Laobao.Ops.Pki;

namespace Laobao.Web.Tests.Features.Statements;

/// <summary>
/// The person's own statements and data through the mobile API (SPEC §10): GET/POST /api/v1/me/statements, the PDF,
/// revocation, GET /api/v1/me/data; someone else's code is never served or revoked, and bad input is a problem
/// document naming the problem in both languages, never a 500.
/// </summary>
public sealed class MeStatementsApiTests : IAsyncLifetime
{
    private string folder = "";
    private MobileWorld world = null!;

    public async Task InitializeAsync()
    {
        folder = Directory.CreateTempSubdirectory("laobao-me-statements-").FullName;
        using (var pki = DocumentSigningPki.Create(TimeProvider.System))
        {
            pki.WriteTo(folder, "test-password");
        }

        world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite, settings: new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Statements:SigningCertificate"] = Path.Combine(folder, DocumentSigningPki.SignerPkcs12File),
            ["Statements:SigningCertificatePassword"] = "test-password",
            ["Statements:CaCertificate"] = Path.Combine(folder, DocumentSigningPki.CaCertificateFile),
        });
    }

    public async Task DisposeAsync()
    {
        await world.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_person_issues_lists_downloads_and_revokes_their_statements()
    {
        using var phone = await world.LinkPhoneAsync(People.Wang);
        var token = (await phone.SignInAsync()).AccessToken;
        Assert.Empty(await phone.Api.GetStatementsAsync(token));

        var coverage = await phone.Api.IssueStatementAsync(token, "coverage");
        Assert.Equal(("coverage", "valid", "2026-03-01"), (coverage.Kind, coverage.Status, coverage.AsOf.Iso));
        Assert.Equal("115/03/01 (2026-03-01)", coverage.IssuedOn.Display);
        Assert.Equal("115/05/30 (2026-05-30)", coverage.ValidUntil.Display);
        Assert.Equal(StatementCode.Grouped(coverage.Code), coverage.GroupedCode);

        // The as-of date in either calendar.
        var pension = await phone.Api.IssueStatementAsync(token, "pension", "2025-12-31");
        Assert.Equal(("pension", "2025-12-31"), (pension.Kind, pension.AsOf.Iso));
        var roc = await phone.Api.IssueStatementAsync(token, "coverage", "1141231");
        Assert.Equal("114/12/31 (2025-12-31)", roc.AsOf.Display);

        var list = await phone.Api.GetStatementsAsync(token);
        Assert.Equal(3, list.Count);
        Assert.Equal(new[] { coverage.Code, pension.Code, roc.Code }.Order(StringComparer.Ordinal), list.Select(s => s.Code).Order(StringComparer.Ordinal));
        Assert.All(list, s => Assert.Equal("valid", s.Status));

        var pdf = await phone.Api.GetStatementPdfAsync(token, coverage.Code);
        Assert.Equal(("application/pdf", $"laobao-coverage-{coverage.GroupedCode}.pdf"), (pdf.ContentType, pdf.FileName));
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdf.Content, 0, 5));
        Assert.Equal(coverage.Sha256, Convert.ToHexStringLower(SHA256.HashData(pdf.Content)));
        // Typed as printed: grouped, lower case.
        var again = await phone.Api.GetStatementPdfAsync(token, coverage.GroupedCode.ToLowerInvariant());
        Assert.Equal(pdf.Content, again.Content);

        await phone.Api.RevokeStatementAsync(token, coverage.Code);
        await phone.Api.RevokeStatementAsync(token, coverage.Code);
        var revoked = (await phone.Api.GetStatementsAsync(token)).Single(s => s.Code == coverage.Code);
        Assert.Equal(("revoked", "115/03/01 (2026-03-01)"), (revoked.Status, revoked.RevokedOn?.Display));
        Assert.Equal("valid", (await phone.Api.GetStatementsAsync(token)).Single(s => s.Code == pension.Code).Status);
        // A revoked statement can still be downloaded by its holder (it says "revoked" to anyone who checks it).
        Assert.Equal(coverage.Sha256, Convert.ToHexStringLower(SHA256.HashData((await phone.Api.GetStatementPdfAsync(token, coverage.Code)).Content)));

        await using var db = world.Database.Settings.CreateContext();
        var actions = await db.Set<AuditRecord>().Where(r => r.SubjectIdNumber == People.Wang).Select(r => r.Action).ToListAsync();
        Assert.Equal(3, actions.Count(a => a == "statement-issue"));
        Assert.Equal(2, actions.Count(a => a == "statement-revoke"));
    }

    [Fact]
    public async Task Another_persons_statement_is_neither_served_nor_revoked()
    {
        IssuedStatement chens;
        await using (var scope = world.Factory.Services.CreateAsyncScope())
        {
            chens = (await scope.ServiceProvider.GetRequiredService<StatementService>().IssueAsync(People.Chen, "coverage", null, CancellationToken.None))!;
        }

        using var phone = await world.LinkPhoneAsync(People.Wang);
        var token = (await phone.SignInAsync()).AccessToken;
        Assert.DoesNotContain(await phone.Api.GetStatementsAsync(token), s => s.Code == chens.Code);

        var download = await Assert.ThrowsAsync<LaobaoApiException>(() => phone.Api.GetStatementPdfAsync(token, chens.Code));
        Assert.Equal((404, StatementsApi.StatementNotFound), (download.Status, download.Code));
        var revoke = await Assert.ThrowsAsync<LaobaoApiException>(() => phone.Api.RevokeStatementAsync(token, chens.Code));
        Assert.Equal((404, StatementsApi.StatementNotFound), (revoke.Status, revoke.Code));
        // The same answer as a code nobody holds, and as a malformed one.
        foreach (var code in new[] { "ZZZZ-ZZZZ-ZZZZ-ZZZZ", "not-a-code", "%00" })
        {
            var other = await Assert.ThrowsAsync<LaobaoApiException>(() => phone.Api.RevokeStatementAsync(token, code));
            Assert.Equal((404, StatementsApi.StatementNotFound), (other.Status, other.Code));
        }

        await using var db = world.Database.Settings.CreateContext();
        Assert.Null((await db.Set<IssuedStatement>().SingleAsync(s => s.Code == chens.Code)).RevokedAt);
    }

    [Theory]
    [InlineData("""{"kind":"passport"}""", StatementsApi.StatementKindInvalid)]
    [InlineData("""{"kind":""}""", StatementsApi.StatementKindInvalid)]
    [InlineData("""{}""", StatementsApi.StatementKindInvalid)]
    [InlineData("""{"kind":"COVERAGE "}""", StatementsApi.StatementKindInvalid)]
    [InlineData("""{"kind":"coverage","asOf":"2025-13-45"}""", ApiErrorCodes.RequestMalformed)]
    [InlineData("""{"kind":"coverage","asOf":"yesterday"}""", ApiErrorCodes.RequestMalformed)]
    [InlineData("""{"kind":"coverage","asOf":"1141399"}""", ApiErrorCodes.RequestMalformed)]
    [InlineData("""{"kind":"coverage","asOf":"2999-01-01"}""", ApiErrorCodes.RequestMalformed)]
    [InlineData("""{"kind":"pension","asOf":"1900-01-01"}""", ApiErrorCodes.RequestMalformed)]
    [InlineData("""{"kind":"coverage","asOf":"99999999999999999999999999"}""", ApiErrorCodes.RequestMalformed)]
    [InlineData("""{"kind":7}""", ApiErrorCodes.RequestMalformed)]
    [InlineData("""{"kind":"coverage","asOf":["2025-01-01"]}""", ApiErrorCodes.RequestMalformed)]
    [InlineData("""{"kind":"coverage""", ApiErrorCodes.RequestMalformed)]
    [InlineData("", ApiErrorCodes.RequestMalformed)]
    public async Task A_bad_kind_or_as_of_date_is_a_problem_document_in_both_languages(string body, string code)
    {
        using var phone = await world.LinkPhoneAsync(People.Wang);
        var token = (await phone.SignInAsync()).AccessToken;
        var http = world.Http();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/v1/me/statements", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        var title = problem.RootElement.GetProperty("title").GetString()!;
        Assert.Contains(title, c => c is >= '\u4E00' and <= '\u9FFF');
        Assert.Matches("[A-Za-z]{4,}", title);
        Assert.Empty(await phone.Api.GetStatementsAsync(token));
    }

    [Fact]
    public async Task Without_a_token_nothing_is_listed_issued_or_downloaded()
    {
        var http = world.Http();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("api/v1/me/statements", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync(new Uri("api/v1/me/statements", UriKind.Relative), new StringContent("""{"kind":"coverage"}""", Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("api/v1/me/data", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task My_data_is_one_zip_of_the_persons_own_csv_files_and_json()
    {
        using var phone = await world.LinkPhoneAsync(People.Wang);
        var token = (await phone.SignInAsync()).AccessToken;

        var file = await phone.Api.GetMyDataAsync(token);

        Assert.Equal(("application/zip", "laobao-my-data-A123456789-2026-03-01.zip"), (file.ContentType, file.FileName));
        using var zip = new ZipArchive(new MemoryStream(file.Content));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains(names, n => n.EndsWith(".csv", StringComparison.Ordinal));
        var everything = string.Join('\n', zip.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        }));
        Assert.Contains(People.Wang, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(People.Chen, everything, StringComparison.Ordinal);
        var json = Assert.Single(names, n => n.EndsWith(".json", StringComparison.Ordinal));
        using (var document = JsonDocument.Parse(zip.GetEntry(json)!.Open()))
        {
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }

        await using var db = world.Database.Settings.CreateContext();
        Assert.True(await db.Set<AuditRecord>().AnyAsync(r => r.SubjectIdNumber == People.Wang && r.Action == "my-data-download"));
    }

    [Fact]
    public async Task Without_a_signing_key_issuing_is_a_clear_503_not_a_500()
    {
        await using var bare = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var phone = await bare.LinkPhoneAsync(People.Wang);
        var token = (await phone.SignInAsync()).AccessToken;

        var refused = await Assert.ThrowsAsync<LaobaoApiException>(() => phone.Api.IssueStatementAsync(token, "coverage"));

        Assert.Equal((503, StatementsApi.StatementsUnavailable), (refused.Status, refused.Code));
        Assert.Contains("Statements:SigningCertificate", refused.Title, StringComparison.Ordinal);
        Assert.Empty(await phone.Api.GetStatementsAsync(token));
    }
}
