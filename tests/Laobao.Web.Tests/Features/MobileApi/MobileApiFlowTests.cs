using System.Net;
using System.Security.Cryptography;
using Laobao.Client;
using Laobao.Web.Data;

namespace Laobao.Web.Tests.Features.MobileApi;

/// <summary>The phone's whole journey through HTTP: link by the QR PNG, sign in, read, refresh, unlink.</summary>
public sealed class MobileApiFlowTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task APhoneLinkedByTheQrPngSignsInAndReadsTheSameFiguresAsTheDesk(DatabaseProvider provider)
    {
        await using var world = await MobileWorld.CreateAsync(provider);
        using var linked = await world.LinkPhoneAsync(People.Wang);
        var (phone, desk) = (linked.Api, linked.Desk);

        var tokens = await linked.SignInAsync();
        Assert.Equal(600, tokens.ExpiresIn);

        var profile = await phone.GetProfileAsync(tokens.AccessToken);
        Assert.Equal(("王小明", "A12****789", "060/01/02 (1971-01-02)", Accounts.WangEmail), (profile.Name, profile.MaskedIdNumber, profile.BirthDate.Display, profile.Email));

        var coverage = await phone.GetCoverageAsync(tokens.AccessToken);
        Assert.Equal("115/03/01 (2026-03-01)", coverage.AsOf.Display);
        Assert.Equal([5904, 0, 1096], coverage.Seniority.Select(s => s.TotalDays));
        Assert.Equal(3, coverage.Periods.Count);
        Assert.Equal("101/07/01 (2012-07-01)", Assert.Single(coverage.Current.Units).Since.Display);

        var pension = await phone.GetPensionAsync(tokens.AccessToken, 1, 1);
        Assert.Equal((5496L, 1374L, 120L, 6990L), (pension.Totals.EmployerContributions, pension.Totals.VoluntaryContributions, pension.Totals.CreditedEarnings, pension.Totals.Balance));
        Assert.Equal(2, pension.TotalContributions);
        Assert.Equal("114/02 (2025-02)", Assert.Single(pension.Contributions).Month.Display);

        // The e-desk pages show the same figures, from the same read model and formatting.
        var coveragePage = await desk.Http.GetStringAsync(new Uri("desk/inquiry/coverage", UriKind.Relative));
        Assert.Contains("16 年 64 日（共 5,904 日）", coveragePage, StringComparison.Ordinal);
        Assert.Contains("3 年 1 日（共 1,096 日）", coveragePage, StringComparison.Ordinal);
        Assert.Contains("101/07/01 (2012-07-01)", coveragePage, StringComparison.Ordinal);
        Assert.Contains("100/06/30 (2011-06-30)", string.Join(' ', coverage.Periods[0].SalarySteps.Select(s => s.To?.Display)), StringComparison.Ordinal);
        var pensionPage = await desk.Http.GetStringAsync(new Uri("desk/inquiry/pension", UriKind.Relative));
        Assert.Contains("094/07/01 (2005-07-01)", pensionPage, StringComparison.Ordinal);
        Assert.Contains(">6,990 元<", pensionPage, StringComparison.Ordinal);
        Assert.Contains("114/02 (2025-02)", pensionPage, StringComparison.Ordinal);

        var devices = await phone.GetDevicesAsync(tokens.AccessToken);
        Assert.True(Assert.Single(devices).Current);
        var activity = await phone.GetActivityAsync(tokens.AccessToken);
        Assert.Contains(activity.Items, a => a.Action == "device-link" && a.Outcome == "ok");
        Assert.Contains(activity.Items, a => a.Action == "mobile-sign-in" && a.Outcome == "ok");
        Assert.Contains(activity.Items, a => a.Action == "coverage-view");
    }

    [Fact]
    public async Task APersonWithoutPensionDataIsToldWhyOnBothSides()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var linked = await world.LinkPhoneAsync(People.Chen);
        var (phone, desk) = (linked.Api, linked.Desk);
        var tokens = await linked.SignInAsync("chen@example.tw", "another long passphrase 陳美");

        var pension = await phone.GetPensionAsync(tokens.AccessToken);
        Assert.Equal(("old", "old-scheme"), (pension.Scheme, pension.NoData!.Code));
        Assert.Empty(pension.Contributions);
        var page = await desk.Http.GetStringAsync(new Uri("desk/inquiry/pension", UriKind.Relative));
        Assert.Contains(pension.NoData.Message, page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TokensExpireRotateAndAReusedRefreshTokenRevokesTheFamily(DatabaseProvider provider)
    {
        await using var world = await MobileWorld.CreateAsync(provider);
        using var linked = await world.LinkPhoneAsync(People.Wang);
        var phone = linked.Api;
        var first = await linked.SignInAsync();

        world.Time.Advance(TimeSpan.FromMinutes(10));
        var expired = await Assert.ThrowsAsync<LaobaoApiException>(() => phone.GetProfileAsync(first.AccessToken));
        Assert.Equal((401, ApiErrorCodes.TokenInvalid), (expired.Status, expired.Code));

        var second = await linked.RefreshAsync(first.RefreshToken);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal("王小明", (await phone.GetProfileAsync(second.AccessToken)).Name);

        var reuse = await Assert.ThrowsAsync<LaobaoApiException>(() => linked.RefreshAsync(first.RefreshToken));
        Assert.Equal(ApiErrorCodes.RefreshTokenInvalid, reuse.Code);
        Assert.Equal(ApiErrorCodes.TokenInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.GetProfileAsync(second.AccessToken))).Code);
        Assert.Equal(ApiErrorCodes.RefreshTokenInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => linked.RefreshAsync(second.RefreshToken))).Code);
    }

    [Fact]
    public async Task ARefreshNeedsAFreshSignatureByTheDevice()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var thief = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var linked = await world.LinkPhoneAsync(People.Wang);
        var tokens = await linked.SignInAsync();

        var stolen = await Assert.ThrowsAsync<LaobaoApiException>(() => MobileWorld.RefreshAsync(linked.Api, thief, linked.DeviceId, tokens.RefreshToken));
        Assert.Equal(ApiErrorCodes.DeviceSignatureInvalid, stolen.Code);
        Assert.NotNull(await linked.RefreshAsync(tokens.RefreshToken));
    }

    [Fact]
    public async Task UnlinkingADeviceEndsItsSessionsAndItsSignIns()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var linked = await world.LinkPhoneAsync(People.Wang);
        var (phone, deviceId) = (linked.Api, linked.DeviceId);
        var tokens = await linked.SignInAsync();

        await phone.UnlinkDeviceAsync(tokens.AccessToken, deviceId);

        Assert.Equal(ApiErrorCodes.TokenInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.GetDevicesAsync(tokens.AccessToken))).Code);
        Assert.Equal(ApiErrorCodes.DeviceUnknown, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.ChallengeAsync(deviceId))).Code);
        var desk = await world.DeskAsync(People.Wang);
        Assert.Contains("devices-none", desk.DevicesPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDeskUnlinksADeviceWithItsForm()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var linked = await world.LinkPhoneAsync(People.Wang);
        var (phone, deviceId) = (linked.Api, linked.DeviceId);
        var tokens = await linked.SignInAsync();
        var desk = await world.DeskAsync(People.Wang);
        Assert.Contains("Pixel 9", desk.DevicesPage, StringComparison.Ordinal);

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["deviceId"] = deviceId.ToString(),
            ["__RequestVerificationToken"] = System.Text.RegularExpressions.Regex.Match(desk.DevicesPage, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value,
        });
        using var response = await desk.Http.PostAsync(new Uri("desk/devices?handler=Unlink", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("unlinked-message", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ApiErrorCodes.TokenInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.GetProfileAsync(tokens.AccessToken))).Code);
    }

    [Fact]
    public async Task LoggingOutEndsTheSession()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var linked = await world.LinkPhoneAsync(People.Wang);
        var phone = linked.Api;
        var tokens = await linked.SignInAsync();

        await phone.LogOutAsync(tokens.AccessToken);

        Assert.Equal(ApiErrorCodes.TokenInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => phone.GetProfileAsync(tokens.AccessToken))).Code);
        Assert.Equal(ApiErrorCodes.RefreshTokenInvalid, (await Assert.ThrowsAsync<LaobaoApiException>(() => linked.RefreshAsync(tokens.RefreshToken))).Code);
    }
}
