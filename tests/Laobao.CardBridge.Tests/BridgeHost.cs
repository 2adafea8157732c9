using System.Collections.Concurrent;
using System.Text.Json;
using Laobao.CardBridge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Laobao.CardBridge.Tests;

/// <summary>The bridge in-process on a real Kestrel at 127.0.0.1:&lt;free port&gt;, its log lines captured.</summary>
public sealed class BridgeHost : IAsyncDisposable
{
    public const string AllowedOrigin = "https://desk.laobao.test";

    private readonly WebApplication app;

    private BridgeHost(WebApplication app, Uri address, ConcurrentQueue<string> logs)
    {
        this.app = app;
        Address = address;
        Logs = logs;
        Client = new HttpClient { BaseAddress = address };
        Client.DefaultRequestHeaders.Add("Origin", AllowedOrigin);
    }

    public Uri Address { get; }

    /// <summary>Sends <see cref="AllowedOrigin"/> as Origin, like the e-desk page would.</summary>
    public HttpClient Client { get; }

    public ConcurrentQueue<string> Logs { get; }

    public static async Task<BridgeHost> StartAsync(IDictionary<string, string?> settings)
    {
        var logs = new ConcurrentQueue<string>();
        var all = new Dictionary<string, string?>(settings)
        {
            ["CardBridge:Url"] = "http://127.0.0.1:0",
            ["CardBridge:AllowedOrigins:0"] = AllowedOrigin,
            ["CardBridge:AllowedOrigins:1"] = "https://*.gov.test",
        };
        var app = CardBridgeApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(all);
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(new CapturingLoggerProvider(logs));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BridgeHost(app, new Uri(address), logs);
    }

    public static Task<BridgeHost> StartPkcs11Async() =>
        StartAsync(new Dictionary<string, string?> { ["CardBridge:Pkcs11Module"] = SoftHsm.ModulePath });

    public async Task<JsonElement> GetJsonAsync(string path, HttpRequestMessage? request = null)
    {
        using var message = request ?? new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await Client.SendAsync(message);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task<JsonElement> SignAsync(object tbsPackage) => await PostSignAsync(JsonSerializer.Serialize(tbsPackage));

    public async Task<JsonElement> PostSignAsync(string tbsPackage, HttpRequestMessage? request = null)
    {
        using var message = request ?? new HttpRequestMessage(HttpMethod.Post, "/sign");
        message.Content ??= new FormUrlEncodedContent([new KeyValuePair<string, string>("tbsPackage", tbsPackage)]);
        using var response = await Client.SendAsync(message);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The slotDescription of the reader holding the token labelled <paramref name="label"/>.</summary>
    public async Task<string> SlotOfAsync(string label)
    {
        var info = await GetJsonAsync("/pkcs11info");
        return info.GetProperty("slots").EnumerateArray()
            .Single(s => s.TryGetProperty("token", out var t) && t.GetProperty("label").GetString() == label)
            .GetProperty("slotDescription").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}
