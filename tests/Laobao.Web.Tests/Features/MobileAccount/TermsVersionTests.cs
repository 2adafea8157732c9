using System.Net;
using System.Text.RegularExpressions;
using Laobao.Web.Data;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Localization;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Tests.Features.MobileAccount;

/// <summary>
/// A new version of the terms asks again: an account holder who agreed to the version before is sent to the terms
/// before any page of the account, in either language, and once they agree the account is theirs again.
/// </summary>
public sealed partial class TermsVersionTests
{
    private const string EarlierVersion = "2026-01-01";

    [Theory]
    [InlineData("zh-TW")]
    [InlineData("en")]
    public async Task An_account_that_agreed_to_an_earlier_version_is_asked_to_agree_to_the_new_one_before_anything_else(string lang)
    {
        var language = lang == "en" ? UiLanguage.En : UiLanguage.ZhTw;
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        var desk = await world.DeskAsync(People.Wang);
        // The account agreed to the earlier version; AccountTerms.Version has been published since.
        await using (var db = world.Database.Context())
        {
            await db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().Where(a => a.PersonIdNumber == People.Wang)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.TermsVersion, EarlierVersion));
            db.Set<TermsAcceptance>().Add(new TermsAcceptance { PersonIdNumber = People.Wang, Version = EarlierVersion, AcceptedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync();
        }

        Assert.NotEqual(EarlierVersion, AccountTerms.Version);

        // Every page of the account leads to the terms first.
        foreach (var path in new[] { "desk/accounts", "desk/accounts/password", "desk/accounts/email", "desk/accounts/close", "desk/devices" })
        {
            using var response = await desk.Http.GetAsync(new Uri($"{path}?lang={lang}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(AccountTerms.UpdatedPath, response.Headers.Location?.OriginalString);
        }

        var terms = await desk.Http.GetStringAsync(new Uri($"desk/accounts/terms?updated=1&lang={lang}", UriKind.Relative));
        var notice = Regex.Match(terms, "<p class=\"alert\" id=\"terms-updated\" role=\"alert\">([^<]*)</p>");
        Assert.True(notice.Success, "the terms page does not say the terms changed");
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, CopyDeck.Text("accountTermsUpdated", language), TermsVersionText.Display(AccountTerms.Version)), WebUtility.HtmlDecode(notice.Groups[1].Value));
        Assert.Contains(WebUtility.HtmlEncode(string.Format(System.Globalization.CultureInfo.InvariantCulture, CopyDeck.Text("termsVersion", language), TermsVersionText.Display(AccountTerms.Version))), terms, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(AccountTerms.Paragraphs[0].In(language)), terms, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"terms-accepted\"", terms, StringComparison.Ordinal);

        // Agreeing records the new version and the time, and the account is there again.
        var token = Regex.Match(terms, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var agree = await desk.Http.PostAsync(new Uri("desk/accounts/terms", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }));
        Assert.Equal(HttpStatusCode.Redirect, agree.StatusCode);
        Assert.Equal("/desk/accounts", agree.Headers.Location?.OriginalString);

        using var accounts = await desk.Http.GetAsync(new Uri($"desk/accounts?lang={lang}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
        Assert.Contains("data-status=\"active\"", await accounts.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var password = await desk.Http.GetAsync(new Uri($"desk/accounts/password?lang={lang}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, password.StatusCode);

        await using var check = world.Database.Context();
        Assert.Equal(AccountTerms.Version, (await check.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().SingleAsync(a => a.PersonIdNumber == People.Wang)).TermsVersion);
        Assert.Equal([EarlierVersion, AccountTerms.Version], await check.Set<TermsAcceptance>().Where(t => t.PersonIdNumber == People.Wang).OrderBy(t => t.AcceptedAt).Select(t => t.Version).ToListAsync());
    }
}
