using System.Net;
using Laobao.Web.Security.Cards;
using Laobao.Web.Tests.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Laobao.Web.Tests.Operations;

/// <summary>
/// X-Forwarded-For is believed only from a configured balancer. Observed through the per-address limit on failed
/// sign-ins: if a forged header were believed, each failure would count against another address and none would trip it.
/// </summary>
public sealed class TrustedProxiesTests
{
    private const string Balancer = "10.0.0.5";

    [Fact]
    public async Task WhenAClientThatIsNotTheBalancerForgesXForwardedForThenItsOwnAddressIsStillCounted()
    {
        await using var scenario = await SignInScenario.StartAsync(settings: Limits());
        using var browser = NewBrowser(scenario.App, connectingFrom: "192.0.2.7");

        for (var i = 1; i <= 3; i++)
        {
            await SignInScenario.AssertRefusedAsync(await LoginForgingAsync(browser, $"203.0.113.{i}"), CardCheckCodes.RequestMalformed);
        }

        await SignInScenario.AssertRefusedAsync(await LoginForgingAsync(browser, "203.0.113.99"), CardCheckCodes.RateLimited);
        await using var db = scenario.Database.Context();
        Assert.DoesNotContain(db.Set<Laobao.Web.Security.Audit.AuditRecord>().AsEnumerable(), r => r.ClientAddress is not null && r.ClientAddress.StartsWith("203.0.113.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenTheBalancerForwardsThenEachClientAddressIsCountedOnItsOwn()
    {
        await using var scenario = await SignInScenario.StartAsync(settings: Limits());
        using var browser = NewBrowser(scenario.App, connectingFrom: Balancer);

        for (var i = 1; i <= 4; i++)
        {
            await SignInScenario.AssertRefusedAsync(await LoginForgingAsync(browser, $"203.0.113.{i}"), CardCheckCodes.RequestMalformed);
        }

        await using var db = scenario.Database.Context();
        Assert.Contains(db.Set<Laobao.Web.Security.Audit.AuditRecord>().AsEnumerable(), r => r.ClientAddress == "203.0.113.4");
    }

    private static Dictionary<string, string> Limits() => new()
    {
        ["SignInLimits:PerClientAddress"] = "3",
        ["ForwardedHeaders:KnownProxies:0"] = Balancer,
    };

    private static Task<HttpResponseMessage> LoginForgingAsync(DeskBrowser browser, string forwardedFor)
    {
        browser.Client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        browser.Client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return browser.LoginAsync("A123456789", "0600102", "AA==");
    }

    /// <summary>A browser whose connections arrive from <paramref name="connectingFrom"/>, as the socket would say.</summary>
    private static DeskBrowser NewBrowser(DeskApp app, string connectingFrom)
    {
        var factory = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IStartupFilter>(new ConnectionAddress(IPAddress.Parse(connectingFrom)))));
        return new DeskBrowser(factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri(DeskApp.Origin),
            AllowAutoRedirect = false,
            HandleCookies = true,
        }));
    }

    private sealed class ConnectionAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextStep) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextStep(context);
            });
            next(app);
        };
    }
}
