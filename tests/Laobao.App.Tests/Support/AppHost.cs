using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Laobao.App.Tests.Support;

/// <summary>The real web host (e-desk, API and the app at /app) on a Kestrel port of 127.0.0.1, for a real browser.</summary>
public sealed class AppHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> factory;

    private AppHost(WebApplicationFactory<Program> factory, Uri origin)
    {
        this.factory = factory;
        Origin = origin;
    }

    /// <summary><c>http://127.0.0.1:PORT</c>: a loopback origin is a secure context, so WebCrypto and service workers work.</summary>
    public Uri Origin { get; }

    public Uri App => new(Origin, "/app/");

    public static AppHost Start()
    {
        var factory = new WebApplicationFactory<Program>();
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        var origin = new Uri(addresses.Addresses.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        return new AppHost(factory, origin);
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();
}
