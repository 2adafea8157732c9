using Microsoft.Playwright;
using static Laobao.Web.Tests.Accessibility.AccessibilityCases;
using static Laobao.Web.Tests.Accessibility.AccessibilityWorld;

namespace Laobao.Web.Tests.Accessibility;

/// <summary>
/// Every page of the e-desk, in each state a person meets it, in both languages: axe-core finds no serious or
/// critical WCAG 2.1 A/AA violation, and the page's language is the language it shows.
/// </summary>
[Collection(AccessibilityCollection.Name)]
public sealed class DeskPagesAccessibilityTests(AccessibilityWorld world)
{
    /// <summary>Who is signed in (null: nobody), where the page is, how to bring it to the state checked, and its HTTP status.</summary>
    private sealed record DeskPage(string? Person, string Path, Func<IPage, Task>? Arrange = null, int Status = 200);

    private static readonly Dictionary<string, DeskPage> Pages = new(StringComparer.Ordinal)
    {
        ["home, signed out"] = new(null, "/desk"),
        ["login"] = new(null, "/desk/login"),
        ["login, fields explained"] = new(null, "/desk/login", ExplainLoginFieldsAsync),
        ["home, signed in"] = new(Active, "/desk"),
        ["accounts, status none"] = new(NoAccount, "/desk/accounts"),
        ["accounts, status pending"] = new(Pending, "/desk/accounts"),
        ["accounts, status active"] = new(Active, "/desk/accounts"),
        ["accounts, change done"] = new(Active, "/desk/accounts?done=password", page => ExpectAsync(page, "#account-done")),
        ["terms"] = new(NoAccount, "/desk/accounts/terms"),
        ["application form with field errors"] = new(Applying, "/desk/accounts/apply", ShowFieldErrorsAsync),
        ["applied"] = new(Pending, "/desk/accounts/applied", page => ExpectAsync(page, "#applied-body")),
        ["activation"] = new(Pending, "/desk/accounts/activate"),
        ["activation, wrong code"] = new(Pending, "/desk/accounts/activate", EnterWrongCodeAsync),
        ["change password"] = new(Active, "/desk/accounts/password"),
        ["change email"] = new(Active, "/desk/accounts/email"),
        ["confirm new email"] = new(Active, "/desk/accounts/email/confirm"),
        ["close account"] = new(Active, "/desk/accounts/close"),
        ["devices, QR shown"] = new(Active, "/desk/devices", page => ExpectAsync(page, "#link-qr[src^='data:image/']")),
        ["unlink a device, confirmation"] = new(Active, $"/desk/devices/{SeededDevice}/unlink", page => ExpectAsync(page, "#unlink-confirm")),
        ["unlink a device, not found"] = new(Active, $"/desk/devices/{Guid.Empty}/unlink", page => ExpectAsync(page, "#unlink-missing"), 404),
        ["individual inquiry"] = new(Active, "/desk/inquiry"),
        ["coverage"] = new(Active, "/desk/inquiry/coverage"),
        ["pension"] = new(Active, "/desk/inquiry/pension", page => ExpectAsync(page, "#contributions")),
        ["pension, no account and why"] = new(NoAccount, "/desk/inquiry/pension", page => ExpectAsync(page, "#no-data")),
        ["mailbox"] = new(Pending, "/desk/mailbox"),
        ["error"] = new(null, "/error"),
    };

    public static TheoryData<string, string> Cases() => AccessibilityCases.InBothLanguages(Pages.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Desk_page_has_no_serious_accessibility_violation(string page, string lang)
    {
        var desk = Pages[page];
        await using var context = await world.DeskAsync(desk.Person);
        var tab = await context.NewPageAsync();
        var response = await tab.GotoAsync($"{world.Origin}{desk.Path}{(desk.Path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}lang={lang}");
        Assert.NotNull(response);
        Assert.True(response.Status == desk.Status, $"{page}: {desk.Path} answered {response.Status}, not {desk.Status}");
        if (desk.Arrange is not null)
        {
            await desk.Arrange(tab);
        }

        await AssertAccessibleAsync(tab, lang, $"e-desk page '{page}'");
    }

    /// <summary>The ID number and date of birth are checked as typed; each field says what is wrong.</summary>
    private static async Task ExplainLoginFieldsAsync(IPage page)
    {
        await page.Locator("#idNumber").FillAsync("A123456788");
        await page.Locator("#birthDate").FillAsync("1120229");
        await ExpectAsync(page, "#idNumber-status.field-error");
        await ExpectAsync(page, "#birthDate-status.field-error");
    }

    /// <summary>Sending the form with wrong values: every field says what is wrong, and the form says fields need attention.</summary>
    private static async Task ShowFieldErrorsAsync(IPage page)
    {
        await page.Locator("#email").FillAsync("not-an-email");
        await page.Locator("#password").FillAsync("short");
        await page.Locator("#confirmPassword").FillAsync("different");
        await page.Locator("#sign-button").ClickAsync();
        await ExpectAsync(page, "#email-status.field-error");
        await ExpectAsync(page, "#confirmPassword-status.field-error");
    }

    /// <summary>A code is sent (or was sent moments ago), then a wrong one is typed: the page says so and how many tries are left.</summary>
    private static async Task EnterWrongCodeAsync(IPage page)
    {
        await page.Locator("#resend-button").ClickAsync();
        await ExpectAsync(page, "#code-outcome");
        await page.Locator("#code").FillAsync("00000000");
        await page.Locator("#activate-button").ClickAsync();
        await ExpectAsync(page, "#code-outcome[data-outcome='code.wrong']");
    }
}
