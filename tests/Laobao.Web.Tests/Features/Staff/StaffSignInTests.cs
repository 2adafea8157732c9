using System.Net;
using Laobao.Web.Features.Staff;
using Laobao.Web.Security.Audit;
using Laobao.Web.Tests.Features.Passkeys;
using Laobao.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Tests.Features.Staff;

/// <summary>
/// The staff pages (SPEC §12) ask for the staff member's own card: a passkey session of a staff member is sent to the
/// card sign-in with the reason and the way back (SPEC §11), a card without the staff role gets a 403 page in both
/// languages, and only a card session of a staff member opens them. Real card sign-ins through the e-desk's endpoints.
/// </summary>
public sealed class StaffSignInTests(PasskeyWorld world) : IClassFixture<PasskeyWorld>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        // Person A (this world's card holder) is staff; person B is not.
        await using var db = world.Scenario.Database.Context();
        if (!await db.Set<StaffMember>().AnyAsync(s => s.IdNumber == SignInScenario.IdNumber))
        {
            db.Set<StaffMember>().Add(new StaffMember { IdNumber = SignInScenario.IdNumber, GrantedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/staff")]
    [InlineData("/staff?status=received")]
    [InlineData("/staff/cases/LB-0000-0000")]
    [InlineData("/staff/records/A123456789")]
    public async Task WhenStaffSignedInWithAPasskeyOpenAStaffPageThenTheyAreSentToTheirCardWithTheWayBack(string path)
    {
        using var authenticator = await world.RegisteredAsync();
        var steps = world.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await steps.SignInAsync(authenticator)).StatusCode);

        using var response = await steps.Browser.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal($"/desk/login?reason=card-required&returnUrl={Uri.EscapeDataString(path)}", location);
        var login = await steps.Browser.Client.GetStringAsync(location);
        Assert.Contains("id=\"card-required\"", login, StringComparison.Ordinal);
        Assert.Contains($"data-return-url=\"{WebUtility.HtmlEncode(path)}\"", login, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenStaffSignInWithTheirOwnCardThenTheStaffPagesOpen()
    {
        var steps = await world.CardSessionAsync();
        using var response = await steps.Browser.Client.GetAsync("/staff?lang=en");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(StaffCopy.Title.En, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-TW")]
    [InlineData("en")]
    public async Task WhenACardWithoutTheStaffRoleOpensStaffThenA403PageSaysWhyInBothLanguages(string lang)
    {
        var steps = await world.CardSessionAsync(personB: true);

        using var response = await steps.Browser.Client.GetAsync($"/staff?lang={lang}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-code=\"not-staff\"", page, StringComparison.Ordinal);
        var (first, second) = lang == "en" ? (StaffCopy.NotStaffBody.En, StaffCopy.NotStaffBody.ZhTw) : (StaffCopy.NotStaffBody.ZhTw, StaffCopy.NotStaffBody.En);
        Assert.Contains(WebUtility.HtmlEncode(first), page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(second), page, StringComparison.Ordinal);
        Assert.True(page.IndexOf(WebUtility.HtmlEncode(first), StringComparison.Ordinal) < page.IndexOf(WebUtility.HtmlEncode(second), StringComparison.Ordinal), "the page's own language comes first");
        Assert.DoesNotContain("staff-cases", page, StringComparison.Ordinal);

        await using var db = world.Scenario.Database.Context();
        Assert.Contains(await db.Set<AuditRecord>().Where(a => a.SubjectIdNumber == PasskeyWorld.PersonB).Select(a => a.Action + ":" + a.Outcome).ToListAsync(), a => a == StaffPageModel.RefusedAction + ":not-staff");
    }

    [Fact]
    public async Task WhenNobodyIsSignedInThenStaffIsTheCardSignIn()
    {
        var steps = world.NewBrowser();
        using var response = await steps.Browser.Client.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/desk/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
