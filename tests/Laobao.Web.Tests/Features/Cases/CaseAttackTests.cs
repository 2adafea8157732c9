using System.Net;
using System.Net.Http.Headers;
using Laobao.Client;
using Laobao.Web.Data;
using Laobao.Web.Features.Cases;
using Laobao.Web.Features.Staff;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Tests.Features.Cases;

/// <summary>Attack-shaped tests of cases and the staff pages (issue 18).</summary>
public sealed class CaseAttackTests
{
    [Fact]
    public async Task WhenAPersonAsksForAnotherPersonsCaseThenItIsNotFound()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        var number = await CaseForms.ReportAsync(await world.DeskAsync(People.Wang), "王小明的秘密說明");

        var chen = await world.DeskAsync(People.Chen);
        using var desk = await chen.Http.GetAsync(new Uri("desk/cases/" + number, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, desk.StatusCode);
        Assert.DoesNotContain("王小明的秘密說明", await desk.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(number, await chen.Http.GetStringAsync(new Uri("desk/cases", UriKind.Relative)), StringComparison.Ordinal);

        using var phone = await world.LinkPhoneAsync(chen);
        var tokens = await phone.SignInAsync("chen@example.tw", "another long passphrase 陳美");
        using var http = world.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var api = await http.GetAsync(new Uri("api/v1/me/cases/" + number, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Contains(CasesApi.CaseNotFound, await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("LB-0000-0000")]
    [InlineData("LB-ZZZZ-ZZZZ")]
    [InlineData("1")]
    [InlineData("LB-0000-00001")]
    [InlineData("..%2F..%2Fstaff")]
    public async Task WhenACaseNumberIsGuessedThenNothingIsFound(string guess)
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        await CaseForms.ReportAsync(await world.DeskAsync(People.Wang), "a real case");
        var chen = await world.DeskAsync(People.Chen);

        using var response = await chen.Http.GetAsync(new Uri("desk/cases/" + guess, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(CaseService.Normalize("LB-0000-000I"));
    }

    [Fact]
    public async Task WhenACaseNumberIsGuessedThenAnotherPersonsCaseAndNoCaseGetTheSameAnswer()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        var real = await CaseForms.ReportAsync(await world.DeskAsync(People.Wang), "王小明的案件");
        string unknown;
        do
        {
            unknown = CaseService.NewNumber();
        }
        while (unknown == real);

        // The e-desk: one not-found page, whether the number is someone else's or nobody's.
        var chen = await world.DeskAsync(People.Chen);
        using var otherPage = await chen.Http.GetAsync(new Uri("desk/cases/" + real, UriKind.Relative));
        using var nonePage = await chen.Http.GetAsync(new Uri("desk/cases/" + unknown, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, otherPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nonePage.StatusCode);
        var (otherHtml, noneHtml) = (await otherPage.Content.ReadAsStringAsync(), await nonePage.Content.ReadAsStringAsync());
        Assert.Equal(Comparable(noneHtml), Comparable(otherHtml));
        Assert.DoesNotContain("王小明的案件", otherHtml, StringComparison.Ordinal);

        // The API: the same problem document (but for the request's own trace id).
        using var phone = await world.LinkPhoneAsync(chen);
        var tokens = await phone.SignInAsync("chen@example.tw", "another long passphrase 陳美");
        using var http = world.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var otherApi = await http.GetAsync(new Uri("api/v1/me/cases/" + real, UriKind.Relative));
        using var noneApi = await http.GetAsync(new Uri("api/v1/me/cases/" + unknown, UriKind.Relative));
        using var malformedApi = await http.GetAsync(new Uri("api/v1/me/cases/LB-0000-000I", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, otherApi.StatusCode);
        var none = await WithoutTraceAsync(noneApi);
        Assert.Equal(none, await WithoutTraceAsync(otherApi));
        Assert.Equal(none, await WithoutTraceAsync(malformedApi));
        Assert.Contains(CasesApi.CaseNotFound, none, StringComparison.Ordinal);
        Assert.DoesNotContain("王小明", none, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenACommentCarriesScriptThenItIsStoredAsTextAndShownEscaped()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        var wang = await world.DeskAsync(People.Wang);
        const string Script = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var number = await CaseForms.ReportAsync(wang, Script);

        Assert.Equal(Script, (await CaseForms.CaseAsync(world, number)).Comment);
        var page = await wang.Http.GetStringAsync(new Uri("desk/cases/" + number, UriKind.Relative));
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", page, StringComparison.Ordinal);

        await CaseForms.GrantStaffAsync(world, People.Chen);
        var staff = await world.DeskAsync(People.Chen);
        var staffPage = await staff.Http.GetStringAsync(new Uri("staff/cases/" + number, UriKind.Relative));
        Assert.DoesNotContain("<script>alert", staffPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenACommentIsTooLongOrAMegabyteThenItIsRefusedWithASentenceAndNothingIsStored()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        var wang = await world.DeskAsync(People.Wang);

        using var tooLong = await CaseForms.PostFormAsync(wang.Http, "desk/cases/new?code=period&lang=en", [new("Comment", new string('字', CaseLimits.CommentLength + 1))]);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var body = await tooLong.Content.ReadAsStringAsync();
        Assert.Contains("case-comment-too-long", body, StringComparison.Ordinal);
        Assert.Contains("at most 2,000 characters", body, StringComparison.Ordinal);

        using var megabyte = await CaseForms.PostFormAsync(wang.Http, "desk/cases/new?code=period&lang=en", [new("Comment", new string('a', 1024 * 1024))]);
        Assert.Equal(HttpStatusCode.BadRequest, megabyte.StatusCode);
        var megabytePage = await megabyte.Content.ReadAsStringAsync();
        Assert.Contains("data-code=\"case-comment-too-long\"", megabytePage, StringComparison.Ordinal);
        Assert.Contains("yours has 1,048,576", megabytePage, StringComparison.Ordinal);

        using var phone = await world.LinkPhoneAsync(wang);
        var tokens = await phone.SignInAsync();
        using var http = world.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var content = new StringContent("{\"topic\":\"period\",\"comment\":\"" + new string('a', 1024 * 1024) + "\"}", System.Text.Encoding.UTF8, "application/json");
        using var api = await http.PostAsync(new Uri("api/v1/me/cases", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = await api.Content.ReadAsStringAsync();
        Assert.Contains("\"code\":\"case-comment-too-long\"", problem, StringComparison.Ordinal);
        Assert.Contains("1,048,576", problem, StringComparison.Ordinal);

        await using var db = world.Database.Context();
        Assert.Equal(0, await db.Set<RecordCase>().CountAsync());
    }

    [Fact]
    public async Task WhenACardWithoutTheStaffRoleOpensStaffThenItIsRefusedAndAudited()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        var number = await CaseForms.ReportAsync(await world.DeskAsync(People.Wang), "a real case");
        var chen = await world.DeskAsync(People.Chen);

        foreach (var path in new[] { "staff", "staff/cases/" + number, "staff/records/" + People.Wang })
        {
            using var response = await chen.Http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("bureau staff only", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(CaseStatuses.Received, (await CaseForms.CaseAsync(world, number)).Status);
        Assert.Contains(await CaseForms.AuditAsync(world, People.Chen), a => a.Action == StaffPageModel.RefusedAction && a.Outcome == "not-staff");

        // Signed out: the sign-in page, never the staff page.
        using var anonymous = world.Http();
        using var redirected = await anonymous.GetAsync(new Uri("staff", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, redirected.StatusCode);
    }

    [Fact]
    public async Task WhenStaffReadARecordWithoutACaseThenItIsRefusedAndWithACaseItIsAuditedForThePerson()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        await CaseForms.GrantStaffAsync(world, People.Chen);
        var staff = await world.DeskAsync(People.Chen);

        using var refused = await staff.Http.GetAsync(new Uri("staff/records/" + People.Wang, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.DoesNotContain("乙公司", refusal, StringComparison.Ordinal);
        Assert.Contains("data-code=\"no-case\"", refusal, StringComparison.Ordinal);
        Assert.Contains(StaffCopy.NoCaseBody.ZhTw, refusal, StringComparison.Ordinal);
        Assert.Contains(StaffCopy.NoCaseBody.En, refusal, StringComparison.Ordinal);
        Assert.Contains(await CaseForms.AuditAsync(world, People.Chen), a => a.Action == CaseService.StaffRecordViewAction && a.Outcome == "no-case");
        Assert.DoesNotContain(await CaseForms.AuditAsync(world, People.Wang), a => a.Action == CaseService.StaffRecordViewAction);

        await CaseForms.ReportAsync(await world.DeskAsync(People.Wang), "please look");
        var page = await staff.Http.GetStringAsync(new Uri("staff/records/" + People.Wang, UriKind.Relative));
        Assert.Contains("A12****789", page, StringComparison.Ordinal);
        Assert.Contains(await CaseForms.AuditAsync(world, People.Wang), a => a.Action == CaseService.StaffRecordViewAction && a.Outcome == "ok");
    }

    private static async Task<string> WithoutTraceAsync(HttpResponseMessage response)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString();
    }

    /// <summary>A page without what differs per request (antiforgery tokens, nonces).</summary>
    private static string Comparable(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, "(value|nonce|content)=\"[^\"]{20,}\"", "$1=\"…\"");
}
