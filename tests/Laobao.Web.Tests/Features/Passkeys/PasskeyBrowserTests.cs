using System.Text.Json;
using System.Text.RegularExpressions;
using Laobao.Tests.Browser;
using Laobao.Web.Localization;
using Laobao.Web.Tests.Browser;
using Laobao.Web.Tests.Security;
using Microsoft.Playwright;

namespace Laobao.Web.Tests.Features.Passkeys;

/// <summary>
/// The passkey journey of issue 17 in Chromium, with a virtual platform authenticator set up through the Chrome DevTools
/// Protocol (WebAuthn.enable, WebAuthn.addVirtualAuthenticator: ctap2, internal, resident keys, user verification):
/// a card sign-in through the real card bridge, "Add a passkey", sign out, "Sign in with a passkey", coverage and
/// statements at passkey level, "change email" sending the person to the card and back, then removing the passkey
/// and failing to sign in with it. Both languages.
/// </summary>
[Collection(CardDeskCollection.Name)]
public sealed class PasskeyBrowserTests(CardDesk desk)
{
    [Theory]
    [InlineData("zh-TW")]
    [InlineData("en")]
    public async Task PersonAddsAPasskeyAfterTheCardSignsInWithItAndIsSentToTheCardForChanges(string lang)
    {
        var language = lang == "en" ? UiLanguage.En : UiLanguage.ZhTw;
        var origin = desk.PasskeyDesk.Origin;
        await using var context = await Chromium.NewContextAsync(desk.Browser, new BrowserNewContextOptions { Locale = lang });
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
            },
        });
        var authenticatorId = added!.Value.GetProperty("authenticatorId").GetString()!;

        // 1. The card, then "Add a passkey" from the account page.
        await page.GotoAsync($"{origin}/desk/login?lang={lang}");
        await CardSignInAsync(page);
        await page.WaitForPageAsync(new Regex("/desk$"));
        Assert.Equal("card", await page.Locator("#assurance").GetAttributeAsync("data-level"));
        await page.GotoAsync($"{origin}/desk/accounts");
        await page.ClickAsync("#passkey-add-link");
        await page.WaitForPageAsync(new Regex("/desk/passkeys/add$"));
        var name = "Chromium " + lang;
        await page.FillAsync("#passkey-name", name);
        await page.ClickAsync("#passkey-add-button");
        await page.WaitForPageAsync(new Regex("/desk/accounts\\?done=passkey-added$"));
        Assert.Equal(CopyDeck.Text("done.passkey-added", language), await page.Locator("#account-done").TextContentAsync());
        Assert.Equal(name, await page.Locator("#passkey-list .passkey-name").Last.TextContentAsync());
        var credentials = await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId });
        var stored = credentials!.Value.GetProperty("credentials");
        Assert.Equal(1, stored.GetArrayLength());
        Assert.True(stored[0].GetProperty("isResidentCredential").GetBoolean());

        // 2. Sign out; sign in with the passkey alone.
        await page.GotoAsync($"{origin}/desk");
        await page.ClickAsync("#logout-button");
        await page.WaitForPageAsync(new Regex("/desk/login$"));
        Assert.Equal(CopyDeck.Text("passkeyLoginButton", language), await page.Locator("#passkey-login-button").TextContentAsync());
        await page.ClickAsync("#passkey-login-button");
        await page.WaitForPageAsync(new Regex("/desk$"));
        Assert.Equal("passkey", await page.Locator("#assurance").GetAttributeAsync("data-level"));
        Assert.Equal(CopyDeck.Text("assurancePasskey", language), await page.Locator("#assurance").TextContentAsync());

        // 3. Reading is allowed: coverage and statements.
        var coverage = await page.GotoAsync($"{origin}/desk/inquiry/coverage");
        Assert.Equal(200, coverage!.Status);
        Assert.Matches(new Regex("/desk/inquiry/coverage$"), page.Url);
        var statements = await page.GotoAsync($"{origin}/desk/inquiry/statements");
        Assert.Equal(200, statements!.Status);
        await page.Locator("#issue-form").WaitForAsync();

        // 4. "Change email" needs the card: the login page says why, and the card brings the person back.
        await page.GotoAsync($"{origin}/desk/accounts");
        await page.ClickAsync("#change-email");
        await page.WaitForPageAsync(new Regex("/desk/login\\?reason=card-required&returnUrl=%2Fdesk%2Faccounts%2Femail$"));
        Assert.Equal(CopyDeck.Text("cardRequiredBody", language), await page.Locator("#card-required p").TextContentAsync());
        await CardSignInAsync(page);
        await page.WaitForPageAsync(new Regex("/desk/accounts/email$"));
        await page.Locator("#email").WaitForAsync();

        // 5. Remove the passkey; it no longer signs in.
        await page.GotoAsync($"{origin}/desk/accounts");
        var row = page.Locator("#passkey-list tr", new PageLocatorOptions { HasText = name });
        await row.Locator("button[type=submit]").ClickAsync();
        await page.WaitForPageAsync(new Regex("/desk/accounts\\?done=passkey-removed$"));
        Assert.Equal(0, await page.Locator("#passkey-list tr", new PageLocatorOptions { HasText = name }).CountAsync());
        await page.GotoAsync($"{origin}/desk");
        var activity = await page.Locator("#activity").TextContentAsync();
        Assert.Contains(Laobao.Client.ActivityLabels.Action("passkey-register", language == UiLanguage.En), activity, StringComparison.Ordinal);
        Assert.Contains(Laobao.Client.ActivityLabels.Action("passkey-login", language == UiLanguage.En), activity, StringComparison.Ordinal);
        Assert.Contains(Laobao.Client.ActivityLabels.Action("passkey-remove", language == UiLanguage.En), activity, StringComparison.Ordinal);
        await page.ClickAsync("#logout-button");
        await page.WaitForPageAsync(new Regex("/desk/login$"));
        await page.ClickAsync("#passkey-login-button");
        var message = page.Locator("#passkey-message[data-code='passkey.unknown']");
        await message.WaitForAsync();
        Assert.Equal(CopyDeck.Text("passkeyError.passkey.unknown", language), await message.TextContentAsync());
        Assert.Matches(new Regex("/desk/login$"), page.Url);
    }

    private static async Task CardSignInAsync(IPage page)
    {
        await page.FillAsync("#idNumber", SignInScenario.IdNumber);
        await page.FillAsync("#birthDate", SignInScenario.BirthDate);
        await page.FillAsync("#pin", CardDesk.Pin);
        await page.ClickAsync("#login-button");
    }
}
