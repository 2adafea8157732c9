namespace Laobao.Web.Features.MobileApi;

/// <summary>A person's mobile services account as linking and the mobile API need it.</summary>
public sealed record MobileAccountView(string PersonIdNumber, string Email, bool Active);

/// <summary>
/// What device linking and the mobile API ask of the mobile services account (SPEC §5): is it active,
/// does a password match, and mail through the account's outbox.
/// </summary>
public interface IMobileAccountDirectory
{
    Task<MobileAccountView?> ForPersonAsync(string personIdNumber, CancellationToken cancellationToken);

    /// <summary>
    /// The active account whose email and password match, else null. An unknown email is checked against a
    /// dummy hash with the same parameters, so the answer and its timing do not tell whether the email exists.
    /// </summary>
    Task<MobileAccountView?> CheckPasswordAsync(string email, string password, CancellationToken cancellationToken);

    /// <summary>Queues a mail to the person's account address in the outbox (sent even if SMTP is down now).</summary>
    Task QueueMailAsync(string personIdNumber, string subject, string body, CancellationToken cancellationToken);
}
