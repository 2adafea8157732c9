extern alias ops;

using System.Net;
using System.Net.Sockets;
using Laobao.Web.Data;
using Laobao.Web.Features.Statements;
using Laobao.Web.Tests.Features.MobileApi;
using Laobao.Web.Tests.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ops::Laobao.Ops.Pki;

namespace Laobao.Web.Tests.Features.Statements;

/// <summary>
/// The whole web host over <see cref="StatementPeople"/>, signing with a development document signer that it loads
/// from a PKCS#12 file through <c>Statements:*</c> settings, exactly as an operator configures it. With
/// <c>kestrel</c> it listens on a loopback port so Chromium can reach it.
/// </summary>
public sealed class StatementWebWorld : IAsyncDisposable
{
    private StatementWebWorld(TestDatabase database, WebApplicationFactory<Program> factory, string folder, string origin, FakeTimeProvider time)
    {
        Time = time;
        Database = database;
        Factory = factory;
        Folder = folder;
        Origin = origin;
    }

    public TestDatabase Database { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public string Folder { get; }

    public string Origin { get; }

    public FakeTimeProvider Time { get; }

    public static async Task<StatementWebWorld> CreateAsync(int lookupsPerAddress = 60, bool kestrel = false, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.Settings.CreateContext())
        {
            await StatementPeople.AddAsync(db);
        }

        var folder = Directory.CreateTempSubdirectory("laobao-statement-host-").FullName;
        using (var pki = DocumentSigningPki.Create(TimeProvider.System))
        {
            pki.WriteTo(folder, "test-password");
        }

        var port = kestrel ? FreePort() : 0;
        var origin = kestrel ? $"http://127.0.0.1:{port}" : "https://laobao.example";
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Database:Provider", database.Settings.Provider.ToString());
            builder.UseSetting("ConnectionStrings:Laobao", database.Settings.ConnectionString);
            builder.UseSetting("Database:MigrateOnStart", "false");
            builder.UseSetting("Desk:Origin", origin);
            builder.UseSetting("Statements:SigningCertificate", Path.Combine(folder, DocumentSigningPki.SignerPkcs12File));
            builder.UseSetting("Statements:SigningCertificatePassword", "test-password");
            builder.UseSetting("Statements:CaCertificate", Path.Combine(folder, DocumentSigningPki.CaCertificateFile));
            builder.UseSetting("Statements:Verification:PerAddress", lookupsPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(time);
                services.AddSingleton<IStartupFilter, MobileWorld.TestDoors>();
            });
        });
        if (kestrel)
        {
            factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
            factory.StartServer();
        }

        return new StatementWebWorld(database, factory, folder, origin, time);
    }

    public HttpClient Http(string? address = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });
        if (address is not null)
        {
            client.DefaultRequestHeaders.Add(MobileWorld.TestDoors.AddressHeader, address);
        }

        return client;
    }

    /// <summary>Issues through the host's own service (its configured signer and clock).</summary>
    public async Task<IssuedStatement> IssueAsync(string id, string kind)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var statement = await scope.ServiceProvider.GetRequiredService<StatementService>().IssueAsync(id, kind, StatementPeople.AsOf, CancellationToken.None);
        return statement!;
    }

    public async Task RevokeAsync(string id, string code)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<StatementService>().RevokeAsync(id, code, CancellationToken.None));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
