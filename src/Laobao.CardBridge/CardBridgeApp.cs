using Laobao.CardBridge.Cards;
using Laobao.CardBridge.Popup;
using Laobao.CardBridge.Protocol;
using Microsoft.Extensions.Options;

namespace Laobao.CardBridge;

/// <summary>Builds the bridge: options checked at start, one backend, the HiPKI endpoints, loopback only.</summary>
public static class CardBridgeApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json next to the executable, wherever the person starts it from.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);

        var options = new CardBridgeOptions();
        builder.Configuration.GetSection(CardBridgeOptions.Section).Bind(options);
        var problem = options.Problem();
        if (problem is not null)
        {
            throw new CardBridgeConfigurationException(problem);
        }

        builder.WebHost.UseUrls(options.Url);
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PinGuard>();
        builder.Services.AddSingleton(new SiteAllowList(options.AllowedOrigins));
        builder.Services.AddSingleton<CardSigner>();
        if (!string.IsNullOrWhiteSpace(options.Pkcs11Module))
        {
            builder.Services.AddSingleton<ICardBackend, Pkcs11CardBackend>();
        }
        else
        {
            builder.Services.AddSingleton<ICardBackend, Pkcs12CardBackend>();
        }

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            // same-origin: the popup's own GET /pkcs11info must carry its Referer, other sites get none.
            context.Response.Headers["Referrer-Policy"] = "same-origin";
            await next(context).ConfigureAwait(false);
        });
        app.MapHiPki();
        app.MapPopup();
        return app;
    }
}

/// <summary>The bridge's settings cannot run; the message says which setting to fix.</summary>
public sealed class CardBridgeConfigurationException : Exception
{
    public CardBridgeConfigurationException()
        : this("the card bridge settings are invalid")
    {
    }

    public CardBridgeConfigurationException(string message)
        : base(message)
    {
    }

    public CardBridgeConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
