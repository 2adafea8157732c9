extern alias ops;

using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Laobao.Domain.Identity;
using ops::Laobao.Ops.Pki;
using Laobao.Tests.Shared;
using Laobao.Web.Data;
using Laobao.Web.Data.Entities;
using Laobao.Web.Tests.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Laobao.Web.Tests.Features.MobileAccount.Support;

/// <summary>
/// The whole e-desk in process, with every part real: a SQLite file migrated like production, a development
/// PKI whose CRLs are served on 127.0.0.1, a real SMTP server on 127.0.0.1 (owned here, so a test can stop and
/// restart it), and a fake clock the test moves.
/// </summary>
public sealed class AccountTestHost : WebApplicationFactory<Program>
{
    public const string Origin = "https://localhost";

    private readonly string folder;
    private readonly LoopbackCrlServer crls;

    private readonly bool localMailbox;

    private AccountTestHost(SmtpCaptureServer smtp, LoopbackCrlServer crls, string folder, bool localMailbox)
    {
        Smtp = smtp;
        this.localMailbox = localMailbox;
        this.crls = crls;
        this.folder = folder;
        Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Pki = DevelopmentPki.Create(DevelopmentPkiSettings.ForBaseUrl(crls.BaseUrl), Time);
        crls.Publish(DevelopmentPkiSettings.MoicaCrlFileName, Pki.CreateMoicaCrl(Time.GetUtcNow().AddMinutes(-5), Time.GetUtcNow().AddDays(7)));
        crls.Publish(DevelopmentPkiSettings.RootCrlFileName, Pki.CreateRootCrl(Time.GetUtcNow().AddMinutes(-5), Time.GetUtcNow().AddDays(7)));
        File.WriteAllText(Path.Combine(folder, "root.pem"), Pki.Root.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "moica.pem"), Pki.Intermediate.ExportCertificatePem());
        ConnectionString = $"Data Source={Path.Combine(folder, "laobao.db")}";
        using var db = new DatabaseSettings(DatabaseProvider.Sqlite, ConnectionString).CreateContext();
        db.Database.Migrate();
    }

    public SmtpCaptureServer Smtp { get; }

    public FakeTimeProvider Time { get; }

    public DevelopmentPki Pki { get; }

    public string ConnectionString { get; }

    /// <param name="localMailbox">The demo set-up: no SMTP server configured, mail kept for /desk/mailbox.</param>
    public static async Task<AccountTestHost> StartAsync(bool localMailbox = false)
    {
        var smtp = await SmtpCaptureServer.StartNewAsync();
        var crls = new LoopbackCrlServer();
        return new AccountTestHost(smtp, crls, Directory.CreateTempSubdirectory("laobao-account-").FullName, localMailbox);
    }

    /// <summary>A person in the registry with a card of their own.</summary>
    public async Task<CardHolder> AddPersonAsync(string idNumber, string name, DateOnly birthDate)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
        db.Persons.Add(new Person
        {
            IdNumber = idNumber,
            Name = name,
            BirthDate = birthDate,
            Nationality = "TW",
            Residence = "citizen",
            PensionScheme = "new",
            PensionSince = new DateOnly(2005, 7, 1),
        });
        await db.SaveChangesAsync();
        var card = Pki.IssueCard(new CardCertificateRequest(name, idNumber));
        return new CardHolder(idNumber, name, birthDate, card);
    }

    public DeskBrowser NewBrowser() => new(CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        BaseAddress = new Uri(Origin),
    }));

    public async Task<T> WithDbAsync<T>(Func<LaobaoDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<LaobaoDbContext>());
    }

    /// <summary>A valid ID number other than the usual A123456789, found by its check digit.</summary>
    public static string IdNumber(string firstNine)
    {
        for (var digit = 0; digit <= 9; digit++)
        {
            var candidate = firstNine + digit.ToString(CultureInfo.InvariantCulture);
            if (TaiwanId.TryParse(candidate, out _, out _))
            {
                return candidate;
            }
        }

        throw new ArgumentException($"No check digit makes {firstNine}? valid.", nameof(firstNine));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Laobao"] = ConnectionString,
            ["Desk:Origin"] = Origin,
            ["CardTrust:Roots:0"] = Path.Combine(folder, "root.pem"),
            ["CardTrust:Intermediates:0"] = Path.Combine(folder, "moica.pem"),
            ["CardTrust:Policies:0"] = "2.16.886.101.0.3.3",
            ["CardTrust:FailClosed"] = "true",
            ["Mail:Smtp:Host"] = localMailbox ? "" : "127.0.0.1",
            ["Mail:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:Smtp:Timeout"] = "00:00:05",
            ["Mail:LocalMailbox"] = localMailbox ? "true" : "false",
            ["Mail:From"] = "no-reply@laobao.test",
            ["Mail:PollInterval"] = "00:00:00.100",
            ["Mail:RetryBaseDelay"] = "00:00:01",
            ["Mail:RetryMaxDelay"] = "00:00:05",
            ["Mail:LeaseDuration"] = "00:01:00",
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        await crls.DisposeAsync();
        Pki.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>A person with their card: the certificate carries the private key the bridge would use.</summary>
public sealed record CardHolder(string IdNumber, string Name, DateOnly BirthDate, X509Certificate2 Card);
