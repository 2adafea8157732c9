using System.Text.RegularExpressions;
using Laobao.Tests.Browser;
using Laobao.Demo.Tests.Support;
using Laobao.Web.Tests.Features.DeviceLinking;
using Microsoft.Playwright;

namespace Laobao.Demo.Tests.Journey;

/// <summary>How one journey is looked at: its screenshot label, the language chosen and the desk's window size.</summary>
public sealed record JourneyView(string Label, string Language, int Width, int Height)
{
    public bool English => Language == "en";

    /// <summary>SPEC §0's labels, which must appear exactly, in this view's language.</summary>
    public string Text(string key) => (English ? CopyEn : CopyZh)[key];

    /// <summary>The Chinese name of a step, shown beside its English label in English mode.</summary>
    public static string Chinese(string key) => CopyZh[key];

    private static readonly Dictionary<string, string> CopyZh = new(StringComparer.Ordinal)
    {
        ["login"] = "登入", ["mobileAccounts"] = "行動服務帳號作業", ["createAccount"] = "建立服務帳號", ["agreeTerms"] = "同意條款內容",
        ["activateAccount"] = "帳號啟用", ["verifyDevice"] = "認證裝置", ["personalInquiry"] = "個人查詢",
        ["coverageInquiry"] = "投保資料查詢", ["pensionInquiry"] = "勞工退休金個人專戶查詢",
    };

    private static readonly Dictionary<string, string> CopyEn = new(StringComparer.Ordinal)
    {
        ["login"] = "Log in", ["mobileAccounts"] = "Mobile Services Account Management", ["createAccount"] = "Create a services account",
        ["agreeTerms"] = "Agree to terms", ["activateAccount"] = "Activate account", ["verifyDevice"] = "Verify device",
        ["personalInquiry"] = "Individual inquiry", ["coverageInquiry"] = "Check coverage info", ["pensionInquiry"] = "Labour pension account",
    };
}

/// <summary>
/// The seed's whole journey for one demo person, in order, in real Chromium against the processes <c>./demo.sh</c>
/// started: card sign-in → 行動服務帳號作業 → 建立服務帳號 → 同意條款內容 → form → PIN → success → code from the demo
/// mailbox → 帳號啟用 → QR → the app's 認證裝置 through a fake camera that sees the desk's QR → sign-in in the app →
/// 投保資料查詢 → 勞工退休金個人專戶查詢. Every step leaves a screenshot <c>journey-LABEL-NN-step.png</c>.
/// </summary>
public sealed partial class Journey(IPlaywright playwright, DemoRun demo, DemoPerson person, JourneyView view, string email, string password)
{
    private static readonly float Patience = 120_000;
    private int shot;

    public async Task RunAsync()
    {
        // The phone's camera file exists from the start (Chromium opens it when the camera starts); the desk's QR is
        // written into it only once the desk shows a fresh one, so the scan happens well within the ticket's life.
        var camera = FakeCamera.WriteBlank(demo.Work);
        await using var deskBrowser = await Chromium.LaunchAsync(playwright);
        await using var phoneBrowser = await Chromium.LaunchAsync(playwright, camera);
        await using var deskContext = await Chromium.NewContextAsync(deskBrowser, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = view.Width, Height = view.Height },
            Locale = view.English ? "en-US" : "zh-TW",
            TimezoneId = "Asia/Taipei",
        });
        await using var phoneContext = await Chromium.NewContextAsync(phoneBrowser, new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            HasTouch = true,
            Locale = view.English ? "en-US" : "zh-TW",
            TimezoneId = "Asia/Taipei",
        });
        deskContext.SetDefaultTimeout(Patience);
        phoneContext.SetDefaultTimeout(Patience);
        var desk = await deskContext.NewPageAsync();
        var phone = await phoneContext.NewPageAsync();

        await SignInWithCardAsync(desk);
        await ApplyForAccountAsync(desk);
        await ActivateWithMailedCodeAsync(desk);
        await LinkPhoneAsync(desk, phone, camera);
        await SignInOnPhoneAsync(phone);
        await ReadRecordsOnPhoneAsync(phone);
    }

    private async Task SignInWithCardAsync(IPage desk)
    {
        await desk.GotoAsync(Url($"/desk/login?lang={(view.English ? "en" : "zh-TW")}"));
        await AssertStepAsync(view, "login", desk.Locator("#login-button"));
        await desk.FillAsync("#idNumber", person.IdNumber);
        await desk.FillAsync("#birthDate", person.RocBirthDate);
        await desk.FillAsync("#pin", person.Pin);
        await ShotAsync(desk, "card-login");
        await desk.ClickAsync("#login-button");
        await ExpectPageAsync(desk, DeskHome(), "#login-message");
        // The name in both scripts where the record has a Latin one (issue 14, item 16); the Chinese one is always there.
        Assert.Contains(person.Name, (await desk.Locator("#person-name").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await ShotAsync(desk, "desk-home");
    }

    private async Task ApplyForAccountAsync(IPage desk)
    {
        await AssertStepAsync(view, "mobileAccounts", desk.Locator("#menu-mobile-accounts"));
        await desk.ClickAsync("#menu-mobile-accounts");
        await desk.WaitForPageAsync(AccountsPage());
        Assert.Equal("none", await desk.Locator("#account-status").GetAttributeAsync("data-status"));
        await ShotAsync(desk, "mobile-accounts");

        await AssertStepAsync(view, "createAccount", desk.Locator("#create-account"));
        await desk.ClickAsync("#create-account");
        await desk.WaitForPageAsync(TermsPage());
        await AssertStepAsync(view, "agreeTerms", desk.Locator("#agree-terms"));
        await ShotAsync(desk, "terms");
        await desk.ClickAsync("#agree-terms");

        await desk.WaitForPageAsync(ApplyPage());
        await desk.FillAsync("#email", email);
        await desk.FillAsync("#password", password);
        await desk.Locator("#password-status[data-rule='password.ok']").WaitForAsync();
        await desk.FillAsync("#confirmPassword", password);
        await desk.FillAsync("#mobile", "0912-345-678");
        await desk.FillAsync("#pin", person.Pin);
        await ShotAsync(desk, "application-form");
        await desk.ClickAsync("#sign-button");
        await ExpectPageAsync(desk, AppliedPage(), "#sign-message");
        Assert.Contains(email, await desk.Locator("#applied-body").InnerTextAsync(), StringComparison.Ordinal);
        await ShotAsync(desk, "application-sent");
    }

    private async Task ActivateWithMailedCodeAsync(IPage desk)
    {
        // The outbox delivers to the demo mailbox in the background: look again until the mail is there, for a
        // bounded time (a lost mail must fail this test with a reason, not hang the suite).
        var code = "";
        var deadline = DateTime.UtcNow + MailboxPatience;
        var shown = "";
        while (code.Length == 0)
        {
            await desk.GotoAsync(Url("/desk/mailbox"));
            shown = await desk.Locator("main").InnerTextAsync();
            var match = MailedCode(email).Match(shown);
            code = match.Success ? match.Groups[1].Value : "";
            if (code.Length == 0)
            {
                Assert.True(DateTime.UtcNow < deadline,
                    $"the activation mail to {email} did not reach /desk/mailbox within {MailboxPatience.TotalSeconds:0} s; the mailbox shows: {shown}");
                await desk.WaitForTimeoutAsync(500);
            }
        }

        await ShotAsync(desk, "mailbox");
        await desk.GotoAsync(Url("/desk/accounts/activate"));
        await AssertStepAsync(view, "activateAccount", desk.Locator("#activate-button"));
        await desk.FillAsync("#code", code);
        await ShotAsync(desk, "activate");
        await desk.ClickAsync("#activate-button");
        await desk.WaitForPageAsync(new Regex("/desk/accounts\\?done=activated$"));
        Assert.Equal("active", await desk.Locator("#account-status").GetAttributeAsync("data-status"));
        await ShotAsync(desk, "activated");
    }

    private async Task LinkPhoneAsync(IPage desk, IPage phone, string camera)
    {
        await phone.GotoAsync(Url($"/app/link?lang={(view.English ? "en" : "zh-TW")}"));
        await phone.Locator("#start-camera").WaitForAsync();
        await ShotAsync(phone, "app-verify-device");

        await desk.ClickAsync("#verify-device-link");
        await desk.WaitForPageAsync(new Regex("/desk/devices$"));
        await AssertStepAsync(view, "verifyDevice", desk.Locator("main h1"));
        var first = await desk.WaitForFunctionAsync("() => { const s = document.getElementById('link-qr').getAttribute('src'); return s && s.startsWith('data:image/png') ? s : null; }");
        // A QR just drawn has its full life ahead (a superseded one only a short grace): take the next one.
        var fresh = await desk.WaitForFunctionAsync(
            "previous => { const s = document.getElementById('link-qr').getAttribute('src'); return s && s !== previous ? s : null; }",
            await first.JsonValueAsync<string>());
        var link = QrDecoder.DecodeDataUri(await fresh.JsonValueAsync<string>());
        Assert.StartsWith($"{demo.Origin.GetLeftPart(UriPartial.Authority)}/app/#link=", link, StringComparison.Ordinal);
        // The phone's camera sees the very picture the e-desk shows.
        await FakeCamera.ShowImageOfAsync(desk.Locator("#link-qr"), camera);
        await ShotAsync(desk, "desk-qr");

        await phone.ClickAsync("#start-camera");
        await phone.Locator("#match-number").WaitForAsync();
        var number = (await phone.Locator("#match-number").InnerTextAsync()).Trim();
        Assert.Matches("^[0-9]{2}$", number);
        await ShotAsync(phone, "app-match-number");

        var choice = desk.Locator("#link-choices").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = number, Exact = true });
        await choice.WaitForAsync();
        await ShotAsync(desk, "desk-pick-number");
        await choice.ClickAsync();
        await desk.Locator("#devices").WaitForAsync();
        await ShotAsync(desk, "desk-device-linked");

        await phone.Locator("#link-done").WaitForAsync();
        await ShotAsync(phone, "app-device-linked");
    }

    private async Task SignInOnPhoneAsync(IPage phone)
    {
        await phone.ClickAsync("#go-login");
        await phone.Locator("#email").FillAsync(email);
        await phone.Locator("#password").FillAsync(password);
        await ShotAsync(phone, "app-sign-in");
        await phone.ClickAsync("#login");
        await phone.Locator("#logout").WaitForAsync();
        await AssertStepAsync(view, "coverageInquiry", phone.Locator("#menu-coverage"));
        await AssertStepAsync(view, "pensionInquiry", phone.Locator("#menu-pension"));
        await ShotAsync(phone, "app-home");
    }

    private async Task ReadRecordsOnPhoneAsync(IPage phone)
    {
        await phone.ClickAsync("#menu-coverage");
        await phone.Locator("#seniority dd[data-kind='labour']").WaitForAsync();
        await AssertStepAsync(view, "coverageInquiry", phone.Locator("main h1"));
        Assert.True(await phone.Locator(".coverage-period").CountAsync() > 0, "the coverage page lists no period");
        // Every date in both calendars: 104/07/01 (2015-07-01).
        Assert.Matches(@"^\d{3}/\d{2}/\d{2} \(\d{4}-\d{2}-\d{2}\)$", (await phone.Locator(".period-start").First.InnerTextAsync()).Trim());
        await ShotAsync(phone, "app-coverage");

        await phone.Locator("main a[href='']").First.ClickAsync();
        await phone.ClickAsync("#menu-pension");
        await phone.Locator("#pension-summary").WaitForAsync();
        await AssertStepAsync(view, "pensionInquiry", phone.Locator("main h1"));
        Assert.True(await phone.Locator("#contributions tbody tr").CountAsync() > 0, "the pension page lists no contribution");
        await ShotAsync(phone, "app-pension");
    }

    /// <summary>After a card signature: the next page, or a failure that quotes what the page told the person.</summary>
    private async Task ExpectPageAsync(IPage page, Regex next, string messageBox)
    {
        try
        {
            await page.WaitForPageAsync(next);
        }
        catch (TimeoutException)
        {
            var box = page.Locator(messageBox);
            var said = $"[{await box.GetAttributeAsync("data-code")}] {await box.InnerTextAsync()}";
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot($"journey-{view.Label}-failed"), FullPage = true });
            Assert.Fail($"{person.Card}: the page stayed at {page.Url} and said {said}");
        }
    }

    /// <summary>The e-desk's whole page; the phone's screen as the person sees it (long lists would make it metres tall).</summary>
    private async Task ShotAsync(IPage page, string step) =>
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = RepositoryPaths.Screenshot($"journey-{view.Label}-{++shot:00}-{step}"),
            FullPage = !step.StartsWith("app-", StringComparison.Ordinal),
        });

    private string Url(string path) => new Uri(demo.Origin, path).ToString();

    /// <summary>How long the activation mail may take to reach the demo mailbox (the outbox polls every few seconds).</summary>
    private static readonly TimeSpan MailboxPatience = TimeSpan.FromSeconds(120);

    /// <summary>
    /// A step's heading or button: its label in the view's language and, in English, its Chinese name beside it
    /// (issue 14, item 17), as a guide written in Chinese names it.
    /// </summary>
    private static async Task AssertStepAsync(JourneyView view, string key, ILocator element)
    {
        var label = await element.EvaluateAsync<string>("e => { const c = e.cloneNode(true); c.querySelectorAll('.zh-name').forEach(z => z.remove()); return c.textContent.trim(); }");
        Assert.Equal(view.Text(key), label);
        if (view.English && key != "login")
        {
            Assert.Equal("· " + JourneyView.Chinese(key), (await element.Locator(".zh-name").InnerTextAsync()).Trim());
        }
    }

    private static Regex MailedCode(string to) => new(Regex.Escape(to) + @"[\s\S]*?(?:：|: )(\d{8})\b");

    [GeneratedRegex("/desk$")]
    private static partial Regex DeskHome();

    [GeneratedRegex("/desk/accounts$")]
    private static partial Regex AccountsPage();

    [GeneratedRegex("/desk/accounts/terms$")]
    private static partial Regex TermsPage();

    [GeneratedRegex("/desk/accounts/apply$")]
    private static partial Regex ApplyPage();

    [GeneratedRegex("/desk/accounts/applied$")]
    private static partial Regex AppliedPage();
}
