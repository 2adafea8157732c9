using System.Net;
using Laobao.Domain.Dates;
using Laobao.Web.Tests.Security;

namespace Laobao.Web.Tests.Features.Home;

/// <summary>The signed-in home: the person, the menu, and their own activity history in both calendars (SPEC §0, §8).</summary>
public sealed class SignedInHomeTests
{
    [Fact]
    public async Task HomeShowsThePersonsOwnRecentActivityNewestFirst()
    {
        await using var scenario = await SignInScenario.StartAsync();
        await scenario.Database.AddPersonAsync("B222222228", "陳美麗", new DateOnly(1981, 5, 5));
        using var card = scenario.World.IssueCard(SignInScenario.IdNumber);
        using var otherCard = scenario.World.IssueCard("B222222228", "陳美麗");
        using var other = scenario.App.NewBrowser();
        Assert.Equal(HttpStatusCode.OK, (await SignInScenario.SignInAsync(other, otherCard, "B222222228", "0700505")).StatusCode);
        using var browser = scenario.App.NewBrowser();
        await SignInScenario.SignInAsync(browser, card, birthDate: "0600103");
        Assert.Equal(HttpStatusCode.OK, (await SignInScenario.SignInAsync(browser, card)).StatusCode);

        var zh = await browser.Client.GetStringAsync("/desk");
        var en = await browser.Client.GetStringAsync("/desk?lang=en");

        var taiwanNow = scenario.World.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var day = RocDate.FormatBoth(DateOnly.FromDateTime(taiwanNow.DateTime));
        Assert.Contains(day, zh, StringComparison.Ordinal);
        var success = zh.IndexOf("<td>以自然人憑證登入 e 化服務櫃台</td><td>成功</td>", StringComparison.Ordinal);
        var refused = zh.IndexOf("<td>以自然人憑證登入 e 化服務櫃台</td><td>卡片與身分證號或出生日期不符</td>", StringComparison.Ordinal);
        Assert.True(success > 0 && refused > success, "the success is listed, above the earlier refusal");
        Assert.Contains("<td>Logged in to the e-desk with the card</td><td>The card did not match the ID number or date of birth</td>", en, StringComparison.Ordinal);
        // Only this person's events: the other person's sign-in is not shown.
        Assert.Equal(2, CountOf(zh, "<td>以自然人憑證登入 e 化服務櫃台</td>"));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
