using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Laobao.Web.Tests.Security;

/// <summary>The real e-desk host, configured to trust one <see cref="CardWorld"/> and to use one <see cref="TestDatabase"/>.</summary>
internal sealed class DeskApp(CardWorld world, TestDatabase database, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public const string Origin = "https://localhost";

    public DeskBrowser NewBrowser() => new(CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri(Origin),
        AllowAutoRedirect = false,
        HandleCookies = true,
    }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not Development: errors go through the production exception handler, as they would for real.
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", database.Settings.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Laobao", database.Settings.ConnectionString);
        builder.UseSetting("Desk:Origin", Origin);
        builder.UseSetting("CardTrust:Roots:0", world.RootFile);
        builder.UseSetting("CardTrust:Intermediates:0", world.IntermediateFile);
        builder.UseSetting("CardTrust:Policies:0", "2.16.886.101.0.3.3");
        builder.UseSetting("CardTrust:FailClosed", "true");
        builder.UseSetting("CardTrust:RevocationTimeout", "00:00:05");
        // Sign-in sends no mail, but the host insists that mail is configured.
        builder.UseSetting("Mail:LocalMailbox", "true");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(world.Time));
    }
}
