using System.Net;
using System.Text.RegularExpressions;
using Laobao.Web.Security.Audit;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Tests.Security.Sessions;

/// <summary>E-desk sessions (SPEC §8): a __Host- cookie, 15 minutes idle, 8 hours at most, sign-out, audit.</summary>
public sealed partial class DeskSessionTests
{
    [Fact]
    public async Task SessionCookieIsHostPrefixedSecureHttpOnlyAndStrict()
    {
        await using var scenario = await SignInScenario.StartAsync();
        using var card = scenario.World.IssueCard(SignInScenario.IdNumber);
        using var browser = scenario.App.NewBrowser();

        var response = await SignInScenario.SignInAsync(browser, card);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-laobao-desk=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        // A browser-session cookie: the server, not the cookie's date, decides when the session ends.
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SessionEndsAfterFifteenIdleMinutes()
    {
        await using var scenario = await SignInScenario.StartAsync();
        using var card = scenario.World.IssueCard(SignInScenario.IdNumber);
        using var browser = scenario.App.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await SignInScenario.SignInAsync(browser, card)).StatusCode);

        scenario.World.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Contains(SignInScenario.Name, await browser.Client.GetStringAsync("/desk"), StringComparison.Ordinal);
        scenario.World.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Contains(SignInScenario.Name, await browser.Client.GetStringAsync("/desk"), StringComparison.Ordinal);

        scenario.World.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var home = await browser.Client.GetStringAsync("/desk");
        Assert.DoesNotContain(SignInScenario.Name, home, StringComparison.Ordinal);
        Assert.Contains("id=\"login-link\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionEndsEightHoursAfterSignInEvenWhenActive()
    {
        await using var scenario = await SignInScenario.StartAsync();
        using var card = scenario.World.IssueCard(SignInScenario.IdNumber);
        using var browser = scenario.App.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await SignInScenario.SignInAsync(browser, card)).StatusCode);

        for (var minutes = 10; minutes < 8 * 60; minutes += 10)
        {
            scenario.World.Time.Advance(TimeSpan.FromMinutes(10));
            Assert.Contains(SignInScenario.Name, await browser.Client.GetStringAsync("/desk"), StringComparison.Ordinal);
        }

        scenario.World.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.DoesNotContain(SignInScenario.Name, await browser.Client.GetStringAsync("/desk"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOutEndsTheSessionOnTheServerAndIsAudited()
    {
        await using var scenario = await SignInScenario.StartAsync();
        using var card = scenario.World.IssueCard(SignInScenario.IdNumber);
        using var browser = scenario.App.NewBrowser();
        var signIn = await SignInScenario.SignInAsync(browser, card);
        var sessionCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-laobao-desk=", StringComparison.Ordinal)).Split(';')[0];

        var home = await browser.Client.GetStringAsync("/desk");
        var token = System.Net.WebUtility.HtmlDecode(TokenPattern().Match(home).Groups[1].Value);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        var signOut = await browser.Client.PostAsync("/desk/logout", form);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode); // 302 Found
        Assert.Equal("/desk/login", signOut.Headers.Location?.OriginalString);
        Assert.DoesNotContain(SignInScenario.Name, await browser.Client.GetStringAsync("/desk"), StringComparison.Ordinal);

        // The old cookie, replayed from elsewhere, no longer opens anything: the session is gone server-side.
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/desk");
        replay.Headers.Add("Cookie", sessionCookie);
        using var stranger = scenario.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri(DeskApp.Origin), HandleCookies = false });
        Assert.DoesNotContain(SignInScenario.Name, await (await stranger.SendAsync(replay)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var db = scenario.Database.Context();
        var actions = await db.Set<AuditRecord>().OrderBy(r => r.Id).Select(r => r.Action + ":" + r.Outcome).ToListAsync();
        Assert.Equal(["card-login:ok", "sign-out:ok"], actions);
    }

    [Fact]
    public async Task EveryAttemptIsAuditedWithTheMaskedIdAndOutcome()
    {
        await using var scenario = await SignInScenario.StartAsync();
        using var card = scenario.World.IssueCard(SignInScenario.IdNumber);
        using var browser = scenario.App.NewBrowser();
        await SignInScenario.SignInAsync(browser, card, birthDate: "0600103");
        await browser.LoginAsync(SignInScenario.IdNumber, SignInScenario.BirthDate, "AA==");
        await browser.PostJsonAsync(Laobao.Web.Features.CardLogin.CardLoginApi.LoginPath, "{");
        await SignInScenario.SignInAsync(browser, card);

        await using var db = scenario.Database.Context();
        var records = await db.Set<AuditRecord>().OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(["identity.mismatch", "request.malformed", "request.malformed", "ok"], records.Select(r => r.Outcome));
        Assert.All(records, r => Assert.Equal("card-login", r.Action));
        Assert.All(records, r => Assert.False(string.IsNullOrEmpty(r.ClientAddress)));
        Assert.Equal(["A12****789", "A12****789", null, "A12****789"], records.Select(r => r.SubjectMasked));
        Assert.All(records, r => Assert.Equal(scenario.World.Time.GetUtcNow().UtcDateTime, DateTime.SpecifyKind(r.At, DateTimeKind.Utc), TimeSpan.FromSeconds(1)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
