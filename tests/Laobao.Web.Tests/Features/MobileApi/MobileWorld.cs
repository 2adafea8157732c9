using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Laobao.Client;
using Laobao.Domain.Identity;
using Laobao.Web.Data;
using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Security.Sessions;
using Laobao.Web.Tests.Features.DeviceLinking;
using Laobao.Web.Tests.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Laobao.Web.Tests.Features.MobileApi;

/// <summary>
/// The whole web host on a fresh database with a fake clock, the hand-made persons and Wang's active account.
/// Two test-only doors stand in for what the tests do not exercise here: /test/desk-sign-in opens a real e-desk
/// cookie session for a person (card sign-in has its own tests), and X-Test-Address sets the client address so
/// throttling per address can be shown.
/// </summary>
public sealed partial class MobileWorld : IAsyncDisposable
{
    public const string Origin = "https://desk.test";

    private MobileWorld(TestDatabase database, WebApplicationFactory<Program> factory)
    {
        Database = database;
        Factory = factory;
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    public TestDatabase Database { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public static async Task<MobileWorld> CreateAsync(DatabaseProvider provider, string? postgresAdmin = null, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var database = await TestDatabase.CreateAsync(provider, postgresAdmin);
        await using (var db = database.Context())
        {
            await People.AddAsync(db);
            await Accounts.AddAsync(db, People.Wang, Accounts.WangEmail, Accounts.WangPassword, MobileAccountStatus.Active, new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
            await Accounts.AddAsync(db, People.Chen, "chen@example.tw", "another long passphrase 陳美", MobileAccountStatus.Active, new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        }

        MobileWorld? world = null;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Database:Provider", database.Settings.Provider.ToString());
            builder.UseSetting("ConnectionStrings:Laobao", database.Settings.ConnectionString);
            builder.UseSetting("Database:MigrateOnStart", "false");
            builder.UseSetting("Desk:Origin", Origin);
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(_ => world!.Time);
                services.AddSingleton<IStartupFilter, TestDoors>();
                configureServices?.Invoke(services);
            });
        });
        world = new MobileWorld(database, factory);
        return world;
    }

    public HttpClient Http(string? address = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });
        if (address is not null)
        {
            client.DefaultRequestHeaders.Add(TestDoors.AddressHeader, address);
        }

        return client;
    }

    public LaobaoApiClient Phone(string? address = null) => new(Http(address));

    /// <summary>A browser signed in to the e-desk as the person, holding the antiforgery token of the 認證裝置 page.</summary>
    public async Task<DeskBrowser> DeskAsync(string idNumber)
    {
        var http = Http();
        (await http.GetAsync(new Uri("test/desk-sign-in?id=" + idNumber, UriKind.Relative))).EnsureSuccessStatusCode();
        var page = await http.GetStringAsync(new Uri("desk/devices", UriKind.Relative));
        var token = TokenPattern().Match(page);
        return new DeskBrowser(http, token.Success ? WebUtility.HtmlDecode(token.Groups[1].Value) : null, page);
    }

    /// <summary>The whole link: QR from the e-desk decoded like a camera would, key proof from the phone, number picked on the e-desk.</summary>
    internal static async Task<Guid> LinkAsync(DeskBrowser desk, ECDsa phoneKey, LaobaoApiClient phone, string origin = Origin)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(phone);
        var ticket = await desk.TicketAsync();
        var url = QrDecoder.DecodeDataUri(ticket.Qr);
        Assert.StartsWith(origin + "/app/#link=", url, StringComparison.Ordinal);
        var value = url[(origin + "/app/#link=").Length..];
        var accepted = await phone.LinkDeviceAsync(new DeviceLinkRequest(value, PhoneKey.PublicKey(phoneKey), "Pixel 9", "android", PhoneKey.Sign(phoneKey, DeviceProof.LinkText(value))));
        var pending = await desk.PendingAsync();
        Assert.Equal(accepted.LinkId, pending!.LinkId);
        Assert.Equal(DeviceLinkStatuses.Linked, (await desk.ConfirmAsync(accepted.LinkId, accepted.MatchNumber)).Status);
        var status = await phone.GetDeviceLinkAsync(accepted.LinkId);
        Assert.Equal(DeviceLinkStatuses.Linked, status.Status);
        return status.DeviceId!.Value;
    }

    /// <summary>
    /// A phone linked to the person's account the whole way (<see cref="LinkAsync"/>): a fresh P-256 key, the e-desk
    /// signed in as <paramref name="idNumber"/>, and the API client the phone speaks through.
    /// </summary>
    public async Task<LinkedPhone> LinkPhoneAsync(string idNumber = People.Wang) => await LinkPhoneAsync(await DeskAsync(idNumber));

    /// <summary>A phone linked through this e-desk session, as <see cref="LinkPhoneAsync(string)"/>.</summary>
    public async Task<LinkedPhone> LinkPhoneAsync(DeskBrowser desk)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            var api = Phone();
            var deviceId = await LinkAsync(desk, key, api);
            return new LinkedPhone(api, key, deviceId, desk);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public static async Task<TokenResponse> SignInAsync(LaobaoApiClient phone, ECDsa key, Guid deviceId, string email = Accounts.WangEmail, string password = Accounts.WangPassword)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var challenge = await phone.ChallengeAsync(deviceId);
        return await phone.SignInAsync(new SignInRequest(email, password, deviceId, challenge.Nonce, PhoneKey.Sign(key, DeviceProof.LoginText(challenge.Nonce, deviceId))));
    }

    public static async Task<TokenResponse> RefreshAsync(LaobaoApiClient phone, ECDsa key, Guid deviceId, string refreshToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var challenge = await phone.ChallengeAsync(deviceId);
        return await phone.RefreshAsync(new RefreshRequest(refreshToken, deviceId, challenge.Nonce, PhoneKey.Sign(key, DeviceProof.LoginText(challenge.Nonce, deviceId))));
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>The 認證裝置 page of an e-desk client already signed in (by card or the test door).</summary>
    internal static async Task<DeskBrowser> DevicesPageAsync(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var page = await http.GetStringAsync(new Uri("desk/devices", UriKind.Relative));
        var token = TokenPattern().Match(page);
        return new DeskBrowser(http, token.Success ? WebUtility.HtmlDecode(token.Groups[1].Value) : null, page);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    internal sealed class TestDoors : IStartupFilter
    {
        public const string AddressHeader = "X-Test-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(AddressHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(context);
            });
            app.Map("/test/desk-sign-in", branch => branch.Run(async context =>
            {
                var id = TaiwanId.Parse(context.Request.Query["id"].ToString());
                var principal = new ClaimsPrincipal(new ClaimsIdentity(
                    [
                        new Claim(DeskClaims.IdNumber, id.Value), new Claim(DeskClaims.Name, "test"), new Claim(DeskClaims.Masked, id.Masked),
                        // The door stands in for a card sign-in, so the session is at card level (SPEC §11).
                        new Claim(Laobao.Web.Security.Assurance.AssuranceLevels.ClaimType, Laobao.Web.Security.Assurance.AssuranceLevels.Card),
                    ],
                    DeskClaims.Scheme,
                    DeskClaims.Name,
                    null));
                await context.SignInAsync(DeskClaims.Scheme, principal);
            }));
            next(app);
        };
    }
}

/// <summary>A phone linked by <see cref="MobileWorld.LinkPhoneAsync(string)"/>: its API client, its device key and id, and the e-desk that linked it.</summary>
public sealed class LinkedPhone(LaobaoApiClient api, ECDsa key, Guid deviceId, DeskBrowser desk) : IDisposable
{
    public LaobaoApiClient Api { get; } = api;

    public ECDsa Key { get; } = key;

    public Guid DeviceId { get; } = deviceId;

    public DeskBrowser Desk { get; } = desk;

    /// <summary>Signs in with the account's email and password and a fresh signature by this phone's key.</summary>
    public Task<TokenResponse> SignInAsync(string email = Accounts.WangEmail, string password = Accounts.WangPassword) =>
        MobileWorld.SignInAsync(Api, Key, DeviceId, email, password);

    public Task<TokenResponse> RefreshAsync(string refreshToken) => MobileWorld.RefreshAsync(Api, Key, DeviceId, refreshToken);

    public void Dispose() => Key.Dispose();
}

/// <summary>The e-desk's 認證裝置 page as its script uses it.</summary>
public sealed class DeskBrowser(HttpClient http, string? antiforgeryToken, string devicesPage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http { get; } = http;

    public string DevicesPage { get; } = devicesPage;

    public async Task<DeskTicketView> TicketAsync()
    {
        using var response = await PostAsync(DeviceLinkingDeskApi.TicketPath, new { });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DeskTicketView>(Json))!;
    }

    public async Task<PendingLink?> PendingAsync()
    {
        using var response = await Http.GetAsync(new Uri(DeviceLinkingDeskApi.PendingPath, UriKind.Relative));
        return response.StatusCode == HttpStatusCode.NoContent ? null : await response.Content.ReadFromJsonAsync<PendingLink>(Json);
    }

    public async Task<DeskConfirmView> ConfirmAsync(Guid linkId, string choice)
    {
        using var response = await PostAsync(DeviceLinkingDeskApi.ConfirmPath, new DeskConfirmRequest(linkId, choice));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DeskConfirmView>(Json))!;
    }

    public async Task<HttpResponseMessage> PostAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (antiforgeryToken is not null)
        {
            request.Headers.Add("RequestVerificationToken", antiforgeryToken);
        }

        return await Http.SendAsync(request);
    }
}
