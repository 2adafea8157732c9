using Laobao.Web.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Laobao.Web.Mail;

/// <summary>A mail ready to hand over: rendered, addressed, with the outbox row's stable Message-ID.</summary>
public sealed record OutgoingMail(long OutboxId, string MessageKey, string ToAddress, RenderedMail Content);

/// <summary>Where delivered mail goes: an SMTP server, or in the demo the local mailbox.</summary>
public interface IMailTransport
{
    Task DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>Submits through SMTP with MailKit: one connection per mail, TLS as configured, credentials when given.</summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var settings = options.Value;
        var smtp = settings.Smtp;
        using var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(MailboxAddress.Parse(mail.ToAddress));
        message.Subject = mail.Content.Subject;
        message.MessageId = $"{mail.MessageKey}@{DomainOf(settings.From)}";
        message.Body = new TextPart("plain") { Text = mail.Content.Body };

        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var security = smtp.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(smtp.Host, smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private static string DomainOf(string address) => address[(address.LastIndexOf('@') + 1)..];
}

/// <summary>Demo only (no SMTP configured): keeps the mail in a table that /desk/mailbox shows.</summary>
public sealed class LocalMailboxTransport(IServiceScopeFactory scopes, TimeProvider time) : IMailTransport
{
    public async Task DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
        if (db.Set<MailboxMessage>().Any(m => m.OutboxId == mail.OutboxId))
        {
            return;
        }

        db.Set<MailboxMessage>().Add(new MailboxMessage
        {
            OutboxId = mail.OutboxId,
            DeliveredAt = time.GetUtcNow().UtcDateTime,
            ToAddress = mail.ToAddress,
            Subject = mail.Content.Subject,
            Body = mail.Content.Body,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
