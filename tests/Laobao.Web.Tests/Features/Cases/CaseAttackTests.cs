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

        using var megabyte = await CaseForms.PostFormAsync(wang.Http, "desk/cases/new?code=period", [new("Comment", new string('a', 1024 * 1024))]);
        Assert.True(megabyte.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"a 1 MB comment got {(int)megabyte.StatusCode}");

        using var phone = await world.LinkPhoneAsync(wang);
        var tokens = await phone.SignInAsync();
        using var http = world.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var content = new StringContent("{\"topic\":\"period\",\"comment\":\"" + new string('a', 1024 * 1024) + "\"}", System.Text.Encoding.UTF8, "application/json");
        using var api = await http.PostAsync(new Uri("api/v1/me/cases", UriKind.Relative), content);
        Assert.True(api.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"a 1 MB API comment got {(int)api.StatusCode}");

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
        Assert.DoesNotContain("乙公司", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(await CaseForms.AuditAsync(world, People.Chen), a => a.Action == CaseService.StaffRecordViewAction && a.Outcome == "no-case");
        Assert.DoesNotContain(await CaseForms.AuditAsync(world, People.Wang), a => a.Action == CaseService.StaffRecordViewAction);

        await CaseForms.ReportAsync(await world.DeskAsync(People.Wang), "please look");
        var page = await staff.Http.GetStringAsync(new Uri("staff/records/" + People.Wang, UriKind.Relative));
        Assert.Contains("A12****789", page, StringComparison.Ordinal);
        Assert.Contains(await CaseForms.AuditAsync(world, People.Wang), a => a.Action == CaseService.StaffRecordViewAction && a.Outcome == "ok");
    }
}
