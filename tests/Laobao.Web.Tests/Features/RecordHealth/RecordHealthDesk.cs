extern alias bridge;
extern alias ops;

using System.Globalization;
using System.Net;
using System.Text;
using bridge::Laobao.CardBridge;
using Laobao.Tests.Browser;
using Laobao.Web.Data;
using Laobao.Web.Data.Entities;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Tests.Browser;
using Laobao.Web.Tests.Features.MobileApi;
using Laobao.Web.Tests.Mail;
using Laobao.Web.Tests.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ops::Laobao.Ops.Pki;
using ImportCommand = ops::Laobao.Ops.Import.ImportCommand;
using StaffCommand = ops::Laobao.Ops.Staff.StaffCommand;

namespace Laobao.Web.Tests.Features.RecordHealth;

/// <summary>A card of the demo's table (demo/people.tsv): who holds it and the PIN that opens it.</summary>
internal sealed record DemoCard(string Card, string IdNumber, string Name, DateOnly BirthDate, string Pin)
{
    /// <summary>The birth date as the login page takes it: ROC, 7 digits.</summary>
    public string RocBirthDate => string.Create(CultureInfo.InvariantCulture, $"{BirthDate.Year - 1911:000}{BirthDate.Month:00}{BirthDate.Day:00}");

    public static DemoCard Read(string card)
    {
        var line = File.ReadAllLines(Path.Combine(RepositoryPaths.Root(), "demo", "people.tsv"))
            .Select(l => l.Split('\t'))
            .SingleOrDefault(f => f[0] == card);
        Assert.True(line is not null, $"demo/people.tsv has no card '{card}'");
        return new DemoCard(line[0], line[1], line[2], DateOnly.ParseExact(line[3], "yyyy-MM-dd", CultureInfo.InvariantCulture), line[4]);
    }
}

/// <summary>
/// Everything issue 18's journey touches, for real: the demo's cards of 王小明 and of the staff member 林佳蓉 as PKCS#12
/// files minted by a development PKI (with its CRLs on loopback), the Laobao card bridge reading that folder as the demo
/// does (the PIN picks the card), the web host (e-desk, /api/v1, the app at /app, the alert and mail senders) on a real
/// Kestrel and its own SQLite store, and a real SMTP server on loopback. Imports go through <c>laobao import</c>'s code.
/// </summary>
internal sealed class RecordHealthDesk : IAsyncDisposable
{
    private readonly CardWorld world;
    private readonly TestDatabase database;
    private readonly WebApplication bridgeApp;
    private readonly DeskApp desk;
    private readonly WebApplicationFactory<Program> host;
    private readonly string folder;

    private RecordHealthDesk(CardWorld world, TestDatabase database, WebApplication bridgeApp, DeskApp desk, WebApplicationFactory<Program> host, SmtpCaptureServer smtp, string folder, string origin)
    {
        this.world = world;
        this.database = database;
        this.bridgeApp = bridgeApp;
        this.desk = desk;
        this.host = host;
        this.folder = folder;
        Smtp = smtp;
        Origin = origin;
    }

    public static DemoCard Person { get; } = DemoCard.Read("wang");

    public static DemoCard Staff { get; } = DemoCard.Read("lin");

    public string Origin { get; }

    public SmtpCaptureServer Smtp { get; }

    public DatabaseSettings Database => database.Settings;

    public static async Task<RecordHealthDesk> StartAsync()
    {
        Assert.Equal(People.Wang, Person.IdNumber);
        var folder = Directory.CreateTempSubdirectory("laobao-record-health-").FullName;
        var cards = Path.Combine(folder, "cards");
        Directory.CreateDirectory(cards);
        var world = CardWorld.Create();
        foreach (var card in new[] { Person, Staff })
        {
            using var issued = world.IssueCard(card.IdNumber, card.Name);
            await File.WriteAllBytesAsync(Path.Combine(cards, card.Card + ".p12"), CardPkcs12.Export(issued, card.Pin, world.Pki.Intermediate));
        }

        var port = CardDesk.FreePort();
        var origin = $"http://127.0.0.1:{port}";
        var bridgeApp = CardBridgeApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["CardBridge:Url"] = "http://127.0.0.1:0",
                ["CardBridge:Pkcs11Module"] = "",
                ["CardBridge:Pkcs12Folder"] = cards,
                ["CardBridge:AllowedOrigins:0"] = origin,
            });
            builder.Logging.ClearProviders();
        });
        await bridgeApp.StartAsync();
        var bridgeOrigin = bridgeApp.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        var smtp = await SmtpCaptureServer.StartNewAsync();
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = database.Context())
        {
            await People.AddAsync(db);
            db.Persons.Add(new Person
            {
                IdNumber = Staff.IdNumber, Name = Staff.Name, BirthDate = Staff.BirthDate, Nationality = "TW",
                Residence = Codes.Citizen, PensionScheme = Codes.SchemeNew, PensionSince = new DateOnly(2005, 7, 1),
            });
            await db.SaveChangesAsync();
            await Accounts.AddAsync(db, People.Wang, Accounts.WangEmail, Accounts.WangPassword, MobileAccountStatus.Active, new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));
        }

        var desk = new DeskApp(world, database, new Dictionary<string, string>
        {
            ["Desk:Origin"] = origin,
            ["Desk:CardBridgeOrigin"] = bridgeOrigin,
            ["Mail:LocalMailbox"] = "false",
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:Smtp:Timeout"] = "00:00:05",
            ["Mail:From"] = "no-reply@laobao.test",
            ["Mail:PollInterval"] = "00:00:00.200",
            ["Alerts:MailDelay"] = "00:00:00",
            ["Alerts:PollInterval"] = "00:00:00.200",
        });
        var host = desk.WithWebHostBuilder(builder =>
        {
            // Outside Development the SDK's static web assets (the app's files under /app) must be asked for.
            builder.UseStaticWebAssets();
            // The phone compares the server's expiry times with its own clock: the real one.
            builder.ConfigureTestServices(services => services.AddSingleton(TimeProvider.System));
        });
        host.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        host.StartServer();
        return new RecordHealthDesk(world, database, bridgeApp, desk, host, smtp, folder, origin);
    }

    /// <summary>Runs <c>laobao import KIND FILE [options]</c> on this store, as the bureau's file drop would.</summary>
    public async Task ImportAsync(string kind, string header, string rows, params string[] options)
    {
        var path = Path.Combine(folder, kind + "-" + Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllTextAsync(path, header + "\n" + rows + "\n", new UTF8Encoding(false));
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await ImportCommand.RunAsync(database.Settings, TimeProvider.System, [kind, path, .. options], output, error, CancellationToken.None);
        Assert.True(code == 0, $"laobao import {kind}: {output}{error}");
    }

    /// <summary>Runs <c>laobao staff grant|revoke ID</c> on this store.</summary>
    public async Task StaffAsync(string verb, string idNumber)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await StaffCommand.RunAsync(database.Settings, [verb, idNumber], output, error, TimeProvider.System, CancellationToken.None);
        Assert.True(code == 0, $"laobao staff {verb}: {output}{error}");
    }

    public LaobaoDbContext Context() => database.Context();

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await desk.DisposeAsync();
        await bridgeApp.StopAsync();
        await bridgeApp.DisposeAsync();
        await Smtp.DisposeAsync();
        await database.DisposeAsync();
        await world.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }
}
