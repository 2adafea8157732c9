using System.Net;
using Laobao.Web.Data.Entities;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Security.Audit;
using Laobao.Web.Tests.Features.MobileApi;
using Laobao.Web.Tests.Security;
using Laobao.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Laobao.Web.Tests.App;

/// <summary>
/// One real web host — e-desk, <c>/api/v1</c> and the phone app at <c>/app</c> — on a Kestrel loopback port, trusting the
/// card world of <see cref="Browser.CardDesk"/> and signing through its card bridge, on its own SQLite database with
/// the hand-made persons of <see cref="People"/> and their active mobile services accounts. 王小明 signs in to the
/// e-desk with his card; 陳美 and Nguyen come in through the test door (<c>/test/desk-sign-in?id=</c>), as there is
/// one card on the token.
/// </summary>
public sealed class AppDesk : IAsyncDisposable
{
    public const string ChenEmail = "chen@example.tw";
    public const string ChenPassword = "another long passphrase 陳美";
    public const string NguyenEmail = "nguyen@example.tw";
    public const string NguyenPassword = "a long passphrase of Nguyen Van An";
    public const string SmithEmail = "smith@example.tw";
    public const string SmithPassword = "John Smith's long passphrase";

    /// <summary>
    /// 阮氏蘭 (Nguyen Thi Lan), issue 14's newcomer: a foreign spouse (ARC) nobody has contributed a pension for, with a
    /// Latin name on record, insured for labour, employment and occupational accident alike at one unit (with a raise and
    /// a gap) and later at a second; only the newcomer tests use her account.
    /// </summary>
    public const string Lan = "F923456780";
    public const string LanName = "阮氏蘭";
    public const string LanLatin = "Nguyen Thi Lan";
    public const string LanEmail = "lan@example.tw";
    public const string LanPassword = "Lan's long passphrase for the app";

    /// <summary>A foreign resident with no mobile services account yet: the account pages before one exists.</summary>
    public const string Tran = "F823456788";

    /// <summary>
    /// John Smith's activity history before the tests: this many coverage views, one a day from <see cref="SmithHistoryFrom"/>,
    /// more than the app's first page of 50. Only the activity test uses his account, so his history is known.
    /// </summary>
    public const int SmithHistoryEntries = 60;

    public static readonly DateTime SmithHistoryFrom = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Months 2020-01 … 2024-12 added to 王小明's two of 2025: 62 in all, more than the app's first page of 60.</summary>
    public static readonly DateOnly ExtraMonthsFrom = new(2020, 1, 1);

    private readonly DeskApp desk;
    private readonly WebApplicationFactory<Program> host;
    private readonly TestDatabase database;

    private AppDesk(DeskApp desk, WebApplicationFactory<Program> host, TestDatabase database, string origin)
    {
        this.desk = desk;
        this.host = host;
        this.database = database;
        Origin = origin;
    }

    /// <summary><c>http://127.0.0.1:PORT</c>, also the host's <c>Desk:Origin</c> (the site the phone is told it links to).</summary>
    public string Origin { get; }

    /// <param name="hostName">127.0.0.1, or localhost for passkeys: WebAuthn takes no IP address as relying party id.</param>
    internal static async Task<AppDesk> StartAsync(CardWorld world, string bridgeOrigin, int port, string hostName = "127.0.0.1")
    {
        var origin = $"http://{hostName}:{port}";
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = database.Context())
        {
            await People.AddAsync(db);
            for (var month = ExtraMonthsFrom; month < new DateOnly(2025, 1, 1); month = month.AddMonths(1))
            {
                db.PensionContributions.Add(new PensionContribution { IdNumber = People.Wang, UnitCode = "222222222", Month = month, Wage = 45800, EmployerAmount = 2748, VoluntaryAmount = 0 });
            }

            NewcomerRecords.Add(db);
            await db.SaveChangesAsync();
            var created = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
            await Accounts.AddAsync(db, People.Wang, Accounts.WangEmail, Accounts.WangPassword, MobileAccountStatus.Active, created);
            await Accounts.AddAsync(db, People.Chen, ChenEmail, ChenPassword, MobileAccountStatus.Active, created);
            await Accounts.AddAsync(db, People.Nguyen, NguyenEmail, NguyenPassword, MobileAccountStatus.Active, created);
            await Accounts.AddAsync(db, People.Smith, SmithEmail, SmithPassword, MobileAccountStatus.Active, created);
            await Accounts.AddAsync(db, Lan, LanEmail, LanPassword, MobileAccountStatus.Active, created);
            for (var day = 0; day < SmithHistoryEntries; day++)
            {
                db.Set<AuditRecord>().Add(new AuditRecord
                {
                    At = SmithHistoryFrom.AddDays(day),
                    Action = "coverage-view",
                    Outcome = "ok",
                    SubjectIdNumber = People.Smith,
                    SubjectMasked = "AC1****679",
                    ClientAddress = "198.51.100.1",
                });
            }

            await db.SaveChangesAsync();
        }

        var desk = new DeskApp(world, database, new Dictionary<string, string>
        {
            ["Desk:Origin"] = origin,
            ["Desk:CardBridgeOrigin"] = bridgeOrigin,
        });
        var host = desk.WithWebHostBuilder(builder =>
        {
            // Outside Development the SDK's static web assets (the app's files under /app) must be asked for.
            builder.UseStaticWebAssets();
            builder.ConfigureTestServices(services =>
            {
                // The phone compares the server's expiry times with its own clock, so this host runs on the real one
                // (the card world's clock stands still at the collection's start).
                services.AddSingleton(TimeProvider.System);
                services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, MobileWorld.TestDoors>();
            });
        });
        host.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        host.StartServer();
        return new AppDesk(desk, host, database, origin);
    }

    public async ValueTask DisposeAsync()
    {
        await host.DisposeAsync();
        await desk.DisposeAsync();
        await database.DisposeAsync();
    }
}
