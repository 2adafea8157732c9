using System.Text.RegularExpressions;
using Laobao.Tests.Browser;
using Laobao.Web.Tests.App;
using Laobao.Web.Tests.Browser;
using Laobao.Web.Tests.Features.MobileApi;
using Laobao.Web.Tests.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Laobao.Web.Tests.Features.Passkeys;

/// <summary>
/// The phone app's platform passkey in Chromium (SPEC §11): a phone linked to the e-desk signs in with email, password and
/// its device key, enrols a passkey on a virtual platform authenticator (CDP WebAuthn), logs out and signs in with the
/// passkey — the device key signing beside it — and is refused once its device key is gone.
/// </summary>
[Collection(CardDeskCollection.Name)]
public sealed class PasskeyAppBrowserTests(CardDesk desk)
{
    [Fact]
    public async Task PhoneEnrolsAPlatformPasskeyAndSignsInWithItButNotWithoutTheDeviceKey()
    {
        var origin = desk.PasskeyDesk.Origin;

        // The e-desk with the card, on 認證裝置.
        await using var deskContext = await Chromium.NewContextAsync(desk.Browser, new BrowserNewContextOptions { Locale = "zh-TW" });
        var deskPage = await deskContext.NewPageAsync();
        await deskPage.GotoAsync($"{origin}/desk/login?lang=zh-TW");
        await deskPage.FillAsync("#idNumber", SignInScenario.IdNumber);
        await deskPage.FillAsync("#birthDate", SignInScenario.BirthDate);
        await deskPage.FillAsync("#pin", CardDesk.Pin);
        await deskPage.ClickAsync("#login-button");
        await deskPage.WaitForPageAsync(new Regex("/desk$"));
        await DeskAndPhone.OpenDevicesAsync(deskPage, origin);

        // The phone, with a virtual platform authenticator.
        await using var phoneContext = await Chromium.PhoneAsync(desk.Browser);
        var phone = await phoneContext.NewPageAsync();
        var cdp = await phoneContext.NewCDPSessionAsync(phone);
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
        await phone.GotoAsync($"{origin}/app/link?lang=zh-TW");
        await Chromium.WaitForAppAsync(phone);
        await DeskAndPhone.LinkByManualCodeAsync(deskPage, phone, "王○明", origin);

        // Password + device key, then enrol the passkey.
        await DeskAndPhone.SignInAsync(phone, Accounts.WangEmail, Accounts.WangPassword);
        await phone.Locator("#passkey-enrol").ClickAsync();
        await Expect(phone.Locator("#passkey-status")).ToHaveAttributeAsync("data-key", "passkeyEnrolled");
        var credentials = await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId });
        Assert.Equal(1, credentials!.Value.GetProperty("credentials").GetArrayLength());

        // Log out; sign in with the passkey (and the device key), no password typed.
        await phone.Locator("#logout").ClickAsync();
        await phone.Locator("#menu-login").ClickAsync();
        await phone.Locator("#passkey-login").ClickAsync();
        await Expect(phone.Locator("#logout")).ToBeVisibleAsync();
        await Expect(phone.Locator("#person-name")).ToContainTextAsync("王小明");

        // Without the device key the passkey alone gets nowhere: the app must be verified again.
        await phone.Locator("#logout").ClickAsync();
        await phone.EvaluateAsync("() => new Promise((resolve, reject) => { const r = indexedDB.open('laobao-device', 1); r.onsuccess = () => { const tx = r.result.transaction('keys', 'readwrite'); tx.objectStore('keys').clear(); tx.oncomplete = () => { r.result.close(); resolve(); }; tx.onerror = () => reject(tx.error); }; r.onerror = () => reject(r.error); })");
        await phone.Locator("#menu-login").ClickAsync();
        await phone.Locator("#passkey-login").ClickAsync();
        await Expect(phone.Locator("#device-key-lost")).ToBeVisibleAsync();
        await Expect(phone.Locator("#logout")).ToHaveCountAsync(0);
    }
}
