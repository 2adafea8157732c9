using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Laobao.App.Tests.Support;
using Laobao.Tests.Browser;
using Laobao.Client;
using Microsoft.Playwright;

namespace Laobao.App.Tests.Features.Linking;

/// <summary>
/// 認證裝置 from the phone's side in a real Chromium: the QR comes through Chromium's fake camera (a Y4M of the QR),
/// or the manual code is typed; the app must send the ticket with its SPKI public key and a P1363 signature over
/// <c>laobao:device-link:v1\nticket=…</c> that verifies, then show what the server answered (holder, site, number).
/// The device-link endpoints are answered by the test here, recorded as the phone sent them.
/// </summary>
public sealed class LinkingBrowserTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string work = Directory.CreateTempSubdirectory("laobao-app-camera-").FullName;
    private IPlaywright playwright = default!;
    private AppHost host = default!;

    public async Task InitializeAsync()
    {
        host = AppHost.Start();
        playwright = await Playwright.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        playwright.Dispose();
        await host.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task A_qr_seen_by_the_camera_links_with_a_signed_ticket_and_shows_holder_site_and_number()
    {
        var ticket = Base64Url(RandomNumberGenerator.GetBytes(16));
        var camera = FakeCamera.WriteQr(new Uri(host.Origin, "/app/#link=" + ticket).ToString(), work);
        await using var browser = await Chromium.LaunchAsync(playwright, camera);
        await using var context = await Chromium.PhoneAsync(browser, serviceWorkers: false);
        var page = await context.NewPageAsync();
        var sent = await AnswerDeviceLinksAsync(page, linkedAfterPolls: 1);

        await page.GotoAsync(new Uri(host.App, "link").ToString());
        await page.Locator("#start-camera").ClickAsync();

        await page.Locator("#match-number").WaitForAsync();
        Assert.Equal("42", await page.Locator("#match-number").InnerTextAsync());
        Assert.Equal("王＊明", await page.Locator("#link-holder").InnerTextAsync());
        Assert.Equal("127.0.0.1", await page.Locator("#link-site").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepositoryPaths.Screenshot("03-link-number"), FullPage = true });

        var request = Assert.Single(sent);
        Assert.Equal(ticket, request.Ticket);
        Assert.Equal("Linux", request.Platform);
        AssertSignedByItsKey(request);

        await page.Locator("#link-done").WaitForAsync();
        var deviceId = await page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('laobao.settings')).deviceId");
        Assert.Equal(LinkedDevice, Guid.Parse(deviceId));
    }

    [Fact]
    public async Task The_manual_code_links_the_same_way_and_a_code_with_vowels_is_refused_before_sending()
    {
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await Chromium.PhoneAsync(browser, serviceWorkers: false);
        var page = await context.NewPageAsync();
        var sent = await AnswerDeviceLinksAsync(page, linkedAfterPolls: 1);
        await page.GotoAsync(new Uri(host.App, "link").ToString());

        await page.Locator("#manual-code").FillAsync("ABCD-EFGH");
        await page.Locator("#submit-code").ClickAsync();
        await page.Locator("#link-error").WaitForAsync();
        Assert.Contains("XXXX-XXXX", await page.Locator("#link-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(sent);

        await page.Locator("#manual-code").FillAsync("bcdf ghjk");
        await page.Locator("#submit-code").ClickAsync();
        await page.Locator("#match-number").WaitForAsync();
        var request = Assert.Single(sent);
        Assert.Equal("BCDF-GHJK", request.Ticket);
        AssertSignedByItsKey(request);
        await page.Locator("#link-done").WaitForAsync();
    }

    private static readonly Guid LinkedDevice = Guid.Parse("6f1c1f0e-3a55-4c39-9a52-0d7b1c3f2e11");
    private static readonly Guid LinkId = Guid.Parse("0b9f6a3e-8f0d-4d55-b0a3-5a4fe5c0d001");

    private static void AssertSignedByItsKey(DeviceLinkRequest request)
    {
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(DeviceProof.FromBase64Url(request.PublicKey), out _);
        Assert.Equal(256, key.KeySize);
        var signature = DeviceProof.FromBase64Url(request.Signature);
        Assert.NotNull(signature);
        Assert.Equal(64, signature.Length);
        Assert.True(key.VerifyData(
            Encoding.UTF8.GetBytes("laobao:device-link:v1\nticket=" + request.Ticket),
            signature,
            HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.False(key.VerifyData(
            Encoding.UTF8.GetBytes("laobao:device-link:v1\nticket=" + request.Ticket + "x"),
            signature,
            HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    private static async Task<List<DeviceLinkRequest>> AnswerDeviceLinksAsync(IPage page, int linkedAfterPolls)
    {
        var sent = new List<DeviceLinkRequest>();
        var polls = 0;
        await page.RouteAsync("**/api/v1/device-links", async route =>
        {
            sent.Add(JsonSerializer.Deserialize<DeviceLinkRequest>(route.Request.PostData!, Json)!);
            var accepted = new DeviceLinkAccepted(LinkId, "42", "王＊明", "127.0.0.1", DateTimeOffset.UtcNow.AddMinutes(3));
            await route.FulfillAsync(new RouteFulfillOptions { Status = 202, ContentType = "application/json", Body = JsonSerializer.Serialize(accepted, Json) });
        });
        await page.RouteAsync("**/api/v1/device-links/*", async route =>
        {
            var status = ++polls > linkedAfterPolls
                ? new DeviceLinkStatus(DeviceLinkStatuses.Linked, LinkedDevice)
                : new DeviceLinkStatus(DeviceLinkStatuses.Pending, null);
            await route.FulfillAsync(new RouteFulfillOptions { ContentType = "application/json", Body = JsonSerializer.Serialize(status, Json) });
        });
        return sent;
    }

    private static string Base64Url(byte[] bytes) => DeviceProof.ToBase64Url(bytes);
}
