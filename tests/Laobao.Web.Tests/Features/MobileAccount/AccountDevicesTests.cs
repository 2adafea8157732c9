using System.Net;
using System.Text.RegularExpressions;
using Laobao.Client;
using Laobao.Web.Data;
using Laobao.Web.Localization;
using Laobao.Web.Security.Audit;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Tests.Features.MobileAccount;

/// <summary>
/// 行動服務帳號作業 lists the linked phones once the account is active (name, linked at and last used in both
/// calendars) and unlinks one after a confirmation page; unlinking there ends the phone's sessions at once.
/// The phone is a .NET ECDSA P-256 key linked through the real QR code and API.
/// </summary>
public sealed partial class AccountDevicesTests
{
    [Fact]
    public async Task The_account_page_lists_linked_devices_in_both_languages_and_unlinks_one_after_confirmation()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        var desk = await world.DeskAsync(People.Wang);

        var before = await desk.Http.GetStringAsync(new Uri("desk/accounts?lang=zh-TW", UriKind.Relative));
        Assert.Contains("data-status=\"active\"", before, StringComparison.Ordinal);
        Assert.Contains("id=\"devices-none\"", before, StringComparison.Ordinal);

        using var linked = await world.LinkPhoneAsync(desk);
        var (phone, deviceId) = (linked.Api, linked.DeviceId);
        world.Time.Advance(TimeSpan.FromHours(1));
        var tokens = await linked.SignInAsync();
        // An hour idle ended the e-desk session; the person signs in again.
        desk = await world.DeskAsync(People.Wang);

        var chinese = await desk.Http.GetStringAsync(new Uri("desk/accounts?lang=zh-TW", UriKind.Relative));
        var row = RowOf(chinese, deviceId);
        Assert.Contains("Pixel 9", row, StringComparison.Ordinal);
        // Linked at 08:00 UTC and used at 09:00 UTC on 2026-03-01: Taiwan time, both calendars.
        Assert.Contains("115/03/01 (2026-03-01) 16:00", row, StringComparison.Ordinal);
        Assert.Contains("115/03/01 (2026-03-01) 17:00", row, StringComparison.Ordinal);
        foreach (var label in new[] { "deviceName", "deviceLinkedAt", "deviceLastUsed", "deviceUnlink", "accountDevicesTitle", "verifyDevice" })
        {
            Assert.Contains(CopyDeck.Text(label, UiLanguage.ZhTw), chinese, StringComparison.Ordinal);
        }

        var english = await desk.Http.GetStringAsync(new Uri("desk/accounts?lang=en", UriKind.Relative));
        foreach (var label in new[] { "deviceName", "deviceLinkedAt", "deviceLastUsed", "deviceUnlink", "accountDevicesTitle", "verifyDevice" })
        {
            // A step of the journey carries its Chinese name beside the English one (Verify device · 認證裝置).
            Assert.Contains(">" + CopyDeck.Text(label, UiLanguage.En) + (label == "verifyDevice" ? " <span class=\"zh-name\"" : "<"), english, StringComparison.Ordinal);
        }

        var unlinkPath = UnlinkLink().Match(RowOf(english, deviceId)).Groups[1].Value;
        Assert.Equal($"/desk/devices/{deviceId}/unlink?from=accounts", WebUtility.HtmlDecode(unlinkPath));

        // The link only asks: the phone keeps working until the person confirms.
        var confirm = await desk.Http.GetStringAsync(new Uri(WebUtility.HtmlDecode(unlinkPath).TrimStart('/'), UriKind.Relative));
        Assert.Contains(WebUtility.HtmlEncode(CopyDeck.Text("deviceUnlinkWarning", UiLanguage.En)), confirm, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(CopyDeck.Text("deviceUnlinkConfirm", UiLanguage.En)), confirm, StringComparison.Ordinal);
        Assert.Contains("Pixel 9", confirm, StringComparison.Ordinal);
        Assert.Equal("王小明", (await phone.GetProfileAsync(tokens.AccessToken)).Name);

        using var unlink = await PostConfirmAsync(desk.Http, deviceId, confirm);
        Assert.Equal(HttpStatusCode.Redirect, unlink.StatusCode);
        Assert.Equal("/desk/accounts?done=unlinked", unlink.Headers.Location?.OriginalString);

        // Its sessions ended at once, and it cannot start a new one.
        Assert.Equal(ApiErrorCodes.TokenInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.GetProfileAsync(tokens.AccessToken))).Code);
        Assert.Equal(ApiErrorCodes.DeviceUnknown, (await Assert.ThrowsAsync<LaobaoApiException>(() => linked.RefreshAsync(tokens.RefreshToken))).Code);

        var after = await desk.Http.GetStringAsync(new Uri("desk/accounts?done=unlinked", UriKind.Relative));
        Assert.Contains(CopyDeck.Text("deviceUnlinked", UiLanguage.En), after, StringComparison.Ordinal);
        Assert.Contains("id=\"devices-none\"", after, StringComparison.Ordinal);

        // Confirming again finds nothing to unlink, and says so.
        using var again = await PostConfirmAsync(desk.Http, deviceId, confirm);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains(CopyDeck.Text("deviceUnlinkMissing", UiLanguage.En), await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var db = world.Database.Context();
        Assert.Single(await db.Set<AuditRecord>().Where(a => a.Action == "device-unlink" && a.Outcome == "ok" && a.SubjectIdNumber == People.Wang).ToListAsync());
    }

    [Fact]
    public async Task Another_person_can_neither_see_nor_unlink_someone_elses_device()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var linked = await world.LinkPhoneAsync(People.Wang);
        var (phone, deviceId) = (linked.Api, linked.DeviceId);
        var tokens = await linked.SignInAsync();

        var other = await world.DeskAsync(People.Chen);
        var page = await other.Http.GetStringAsync(new Uri("desk/accounts", UriKind.Relative));
        Assert.DoesNotContain(deviceId.ToString(), page, StringComparison.Ordinal);
        Assert.DoesNotContain("Pixel 9", page, StringComparison.Ordinal);

        using var look = await other.Http.GetAsync(new Uri($"desk/devices/{deviceId}/unlink?from=accounts", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, look.StatusCode);
        var lookPage = await look.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Pixel 9", lookPage, StringComparison.Ordinal);

        // The antiforgery token of their own 認證裝置 page: the refusal is about the device, not the form.
        using var post = await PostConfirmAsync(other.Http, deviceId, await other.Http.GetStringAsync(new Uri("desk/devices", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("王小明", (await phone.GetProfileAsync(tokens.AccessToken)).Name);
    }

    [Fact]
    public async Task A_pending_account_shows_no_device_list_and_the_devices_page_uses_the_same_list()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var linked = await world.LinkPhoneAsync(People.Wang);
        var (desk, deviceId) = (linked.Desk, linked.DeviceId);

        // 認證裝置 shows the same list, whose unlink goes through the same confirmation and comes back there.
        var devices = await desk.Http.GetStringAsync(new Uri("desk/devices", UriKind.Relative));
        var link = WebUtility.HtmlDecode(UnlinkLink().Match(RowOf(devices, deviceId)).Groups[1].Value);
        Assert.Equal($"/desk/devices/{deviceId}/unlink?from=devices", link);
        var confirm = await desk.Http.GetStringAsync(new Uri(link.TrimStart('/'), UriKind.Relative));
        using var unlink = await PostConfirmAsync(desk.Http, deviceId, confirm, "devices");
        Assert.Equal("/desk/devices?done=unlinked", unlink.Headers.Location?.OriginalString);
        Assert.Contains("unlinked-message", await desk.Http.GetStringAsync(new Uri("desk/devices?done=unlinked", UriKind.Relative)), StringComparison.Ordinal);

        await using (var db = world.Database.Context())
        {
            await db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().Where(a => a.PersonIdNumber == People.Wang)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, Laobao.Web.Features.MobileAccount.MobileAccountStatus.PendingActivation));
        }

        var pending = await desk.Http.GetStringAsync(new Uri("desk/accounts?lang=en", UriKind.Relative));
        Assert.Contains("data-status=\"pending\"", pending, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"devices\"", pending, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(CopyDeck.Text("accountDevicesNone", UiLanguage.En)), pending, StringComparison.Ordinal);
    }

    private static string RowOf(string page, Guid deviceId)
    {
        var match = Regex.Match(page, $"<tr data-device-id=\"{deviceId}\">([\\s\\S]*?)</tr>");
        Assert.True(match.Success, $"no row for device {deviceId} on the page:\n{page}");
        return match.Groups[1].Value;
    }

    private static async Task<HttpResponseMessage> PostConfirmAsync(HttpClient http, Guid deviceId, string page, string from = "accounts")
    {
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, "the confirmation page carries no antiforgery token");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["from"] = from,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        });
        return await http.PostAsync(new Uri($"desk/devices/{deviceId}/unlink?from={from}", UriKind.Relative), form);
    }

    [GeneratedRegex("class=\"button device-unlink\" href=\"([^\"]+)\"")]
    private static partial Regex UnlinkLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
