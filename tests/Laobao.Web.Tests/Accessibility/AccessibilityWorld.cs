extern alias ops;

using System.Net;
using System.Security.Cryptography;
using Laobao.Tests.Browser;
using Laobao.Web.Data;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Security.Audit;
using Laobao.Web.Security.DeviceKeys;
using Laobao.Web.Tests.App;
using Laobao.Web.Tests.Browser;
using Laobao.Web.Tests.Features.MobileApi;
using Laobao.Web.Tests.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ops::Laobao.Ops.Pki;

namespace Laobao.Web.Tests.Accessibility;

/// <summary>
/// The real web host (e-desk, API, and the app at /app) on a loopback Kestrel port over a migrated SQLite file,
/// with persons in every account state, and one Chromium for all the accessibility cases. Desk sessions come
/// through MobileWorld's sign-in door (card sign-in has its own browser tests); the app gets a real device key
/// linked through the real 認證裝置 flow.
/// </summary>
public sealed class AccessibilityWorld : IAsyncLifetime
{
    /// <summary>No account yet; old-style ARC, so the pension page explains why there is no account.</summary>
    public const string NoAccount = People.Smith;

    /// <summary>Applied, waiting for the activation code.</summary>
    public const string Pending = People.Chen;

    /// <summary>Agreed to the terms, no account: the application form.</summary>
    public const string Applying = People.Nguyen;

    /// <summary>Active account, pension and coverage records, the app's holder.</summary>
    public const string Active = People.Wang;

    /// <summary>Wang's name as the phone shows it while linking.</summary>
    private const string WangMasked = "王○明";

    /// <summary>Wang's phone linked before the tests start (the unlink confirmation page shows it).</summary>
    public static readonly Guid SeededDevice = Guid.Parse("5d0c7f3a-2b8e-4f61-9c1d-7a3e2f4b6c80");

    private readonly SemaphoreSlim linking = new(1, 1);
    private TestDatabase? database;

    /// <summary>The world's store, for tests that arrange rows no page makes (a staff role, say).</summary>
    internal TestDatabase Database => database ?? throw new InvalidOperationException("the world has not started");
    private WebApplicationFactory<Program>? factory;
    private IPlaywright? playwright;
    private IBrowserContext? linkedApp;
    private string? signingFolder;

    public string Origin { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(CardDesk.ChromiumPath), $"Chromium is needed for the accessibility tests ({CardDesk.ChromiumPath}): apt-get install -y chromium fonts-noto-cjk");

        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = database.Context())
        {
            await People.AddAsync(db);
            var since = DateTime.UtcNow.AddDays(-30);
            await Accounts.AddAsync(db, Active, Accounts.WangEmail, Accounts.WangPassword, MobileAccountStatus.Active, since);
            await Accounts.AddAsync(db, Pending, "chen@example.tw", "another long passphrase 陳美", MobileAccountStatus.PendingActivation, DateTime.UtcNow);
            db.Set<TermsAcceptance>().Add(new TermsAcceptance { PersonIdNumber = Applying, Version = AccountTerms.Version, AcceptedAt = DateTime.UtcNow });
            // A phone linked earlier, so the device lists are tables with their unlink buttons from the first case on.
            using var phone = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            db.Set<LinkedDevice>().Add(new LinkedDevice
            {
                Id = SeededDevice,
                PersonIdNumber = Active,
                PublicKeySpki = phone.ExportSubjectPublicKeyInfo(),
                Name = "Pixel 9",
                Platform = "android",
                LinkedAt = since,
                LastUsedAt = since.AddDays(1),
            });
            // More than a page of history, so the activity screen is checked with its "show earlier" button.
            for (var day = 0; day < 60; day++)
            {
                db.Set<AuditRecord>().Add(new AuditRecord
                {
                    At = since.AddDays(-day),
                    Action = "coverage-view",
                    Outcome = "ok",
                    SubjectIdNumber = Active,
                    SubjectMasked = "A12****789",
                    ClientAddress = "198.51.100.1",
                });
            }

            await db.SaveChangesAsync();
        }

        // A development document signer, so the statements screens issue real signed PDFs (SPEC §10).
        signingFolder = Directory.CreateTempSubdirectory("laobao-a11y-signer-").FullName;
        using (var pki = DocumentSigningPki.Create(TimeProvider.System))
        {
            pki.WriteTo(signingFolder, "test-password");
        }

        var port = CardDesk.FreePort();
        Origin = $"http://127.0.0.1:{port}";
        // Nothing listens there: the pages only name the card bridge, and no case signs with the card.
        var bridgeOrigin = $"http://127.0.0.1:{CardDesk.FreePort()}";
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", database.Settings.Provider.ToString());
            builder.UseSetting("ConnectionStrings:Laobao", database.Settings.ConnectionString);
            builder.UseSetting("Database:MigrateOnStart", "false");
            builder.UseSetting("Desk:Origin", Origin);
            builder.UseSetting("Desk:CardBridgeOrigin", bridgeOrigin);
            builder.UseSetting("Mail:LocalMailbox", "true");
            builder.UseSetting("Statements:SigningCertificate", Path.Combine(signingFolder, DocumentSigningPki.SignerPkcs12File));
            builder.UseSetting("Statements:SigningCertificatePassword", "test-password");
            builder.UseSetting("Statements:CaCertificate", Path.Combine(signingFolder, DocumentSigningPki.CaCertificateFile));
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, MobileWorld.TestDoors>());
        });
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        factory.StartServer();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = CardDesk.ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                // The app's camera view needs a camera: Chromium's generated test picture, no permission prompt.
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (linkedApp is not null)
        {
            await linkedApp.DisposeAsync();
        }

        if (playwright is not null)
        {
            await Browser.DisposeAsync();
            playwright.Dispose();
        }

        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        if (signingFolder is not null)
        {
            Directory.Delete(signingFolder, recursive: true);
        }

        linking.Dispose();
    }

    /// <summary>A desktop browser context, signed in to the e-desk as <paramref name="idNumber"/> when one is given.</summary>
    public async Task<IBrowserContext> DeskAsync(string? idNumber)
    {
        // A browser that asks for Chinese: the e-desk follows Accept-Language (issue 14, item 6), and pages checked in
        // English ask for it with ?lang=en.
        var context = await Chromium.NewContextAsync(Browser, new BrowserNewContextOptions { Locale = "zh-TW", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        if (idNumber is not null)
        {
            var response = await context.APIRequest.GetAsync($"{Origin}/test/desk-sign-in?id={idNumber}");
            Assert.True(response.Ok, $"the test sign-in door answered {response.Status}");
        }

        return context;
    }

    /// <summary>A phone-sized context, the one the app tests use.</summary>
    public Task<IBrowserContext> PhoneAsync() => Chromium.PhoneAsync(Browser);

    /// <summary>
    /// A phone whose app holds a device key linked to Wang's account (made once, through the real flow).
    /// Its tokens live only in the app's memory, so every page of it must sign in again.
    /// </summary>
    public async Task<IBrowserContext> LinkedAppAsync()
    {
        Assert.True(await linking.WaitAsync(TimeSpan.FromMinutes(5)), "another test's phone link did not finish within five minutes");
        try
        {
            if (linkedApp is null)
            {
                var context = await PhoneAsync();
                var page = await context.NewPageAsync();
                await page.GotoAsync($"{Origin}/app/link");
                await LinkAsync(page, pickNumber: true);
                await page.CloseAsync();
                linkedApp = context;
            }

            return linkedApp;
        }
        finally
        {
            linking.Release();
        }
    }

    /// <summary>
    /// Links the app open on <paramref name="appPage"/> (at /app/link) to Wang's account with the manual code from the
    /// e-desk's 認證裝置 page; the number the phone shows is picked on the e-desk when <paramref name="pickNumber"/> is
    /// set, otherwise the phone is left showing its number.
    /// </summary>
    public async Task LinkAsync(IPage appPage, bool pickNumber)
    {
        await using var desk = await DeskAsync(Active);
        var deskPage = await DeskAndPhone.OpenDevicesAsync(await desk.NewPageAsync(), Origin);
        if (pickNumber)
        {
            await DeskAndPhone.LinkByManualCodeAsync(deskPage, appPage, WangMasked, Origin);
        }
        else
        {
            await DeskAndPhone.TypeManualCodeAsync(deskPage, appPage, WangMasked, Origin);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AccessibilityCollection : ICollectionFixture<AccessibilityWorld>
{
    public const string Name = "Accessibility of every page";
}
