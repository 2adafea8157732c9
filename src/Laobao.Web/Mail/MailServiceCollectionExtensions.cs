using Microsoft.Extensions.Options;

namespace Laobao.Web.Mail;

public static class MailServiceCollectionExtensions
{
    /// <summary>The outbox, its background sender and the transport the configuration names.</summary>
    public static IServiceCollection AddLaobaoMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.SmtpConfigured || o.LocalMailbox,
                "Mail: set Mail:Smtp:Host (with Port, Security, UserName, Password) or, for a demo only, Mail:LocalMailbox=true.")
            .Validate(o => o.LeaseDuration > o.Smtp.Timeout * o.BatchSize,
                "Mail:LeaseDuration must be longer than Mail:BatchSize × Mail:Smtp:Timeout, or two nodes could send the same mail.")
            .Validate(o => o.RetryMaxDelay >= o.RetryBaseDelay, "Mail:RetryMaxDelay must not be shorter than Mail:RetryBaseDelay.")
            .ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<MailOutbox>();
        services.AddSingleton<OutboxDelivery>();
        var smtpConfigured = !string.IsNullOrWhiteSpace(configuration[$"{MailOptions.Section}:Smtp:Host"]);
        if (smtpConfigured)
        {
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }
        else
        {
            services.AddSingleton<IMailTransport, LocalMailboxTransport>();
        }

        services.AddHostedService<OutboxSender>();
        return services;
    }

    /// <summary>True when the demo mailbox page should exist: no SMTP and the local mailbox switched on.</summary>
    public static bool LocalMailboxEnabled(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<MailOptions>>().Value is { LocalMailbox: true, SmtpConfigured: false };
}
