using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Laobao.App.Tests.Support;

/// <summary>
/// The real web host (e-desk, API and the app at /app) on a Kestrel port of 127.0.0.1 for a real browser, with its
/// own SQLite database in a temporary folder and the demo mailbox instead of SMTP.
/// </summary>
public sealed class AppHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;
    private readonly string folder;

    private AppHost(WebApplicationFactory<Program> factory, string folder, Uri origin)
    {
        this.factory = factory;
        this.folder = folder;
        Origin = origin;
    }

    /// <summary><c>http://127.0.0.1:PORT</c>: a loopback origin is a secure context, so WebCrypto and service workers work.</summary>
    public Uri Origin { get; }

    public Uri App => new(Origin, "/app/");

    public static AppHost Start()
    {
        var folder = Directory.CreateTempSubdirectory("laobao-app-host-").FullName;
        // The origin must be known before start (the e-desk checks it), so the port is picked first.
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var origin = new Uri($"http://127.0.0.1:{port}");
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Laobao", $"Data Source={Path.Combine(folder, "laobao.db")}");
            builder.UseSetting("Desk:Origin", origin.GetLeftPart(UriPartial.Authority));
            builder.UseSetting("Mail:LocalMailbox", "true");
        });
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        return new AppHost(factory, folder, origin);
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
