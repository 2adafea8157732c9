namespace Laobao.Web.Features.MobileApi;

/// <summary>A person's mobile services account as linking and the mobile API need it.</summary>
public sealed record MobileAccountView(string PersonIdNumber, string Email, bool Active);

/// <summary>
/// What device linking and the mobile API ask of the mobile services account (SPEC §5): is it active,
/// does a password match, and the linking mail through the account's outbox.
/// </summary>
public interface IMobileAccountDirectory
{
    /// <summary>The person's open (not closed) account, or null.</summary>
    Task<MobileAccountView?> ForPersonAsync(string personIdNumber, CancellationToken cancellationToken);

    /// <summary>
    /// The active account whose email and password match, else null. An unknown email is checked against a
    /// dummy hash with the same parameters, so the answer and its timing do not tell whether the email exists.
    /// </summary>
    Task<MobileAccountView?> CheckPasswordAsync(string email, string password, CancellationToken cancellationToken);

    /// <summary>
    /// Stages the "device linked" mail in the outbox within the caller's unit of work: the caller's SaveChanges
    /// commits it together with the new device, so the mail is never lost nor sent for a link that failed.
    /// </summary>
    void StageDeviceLinkedMail(MobileAccountView account, string deviceName, DateTime linkedAtUtc);

    /// <summary>Lets the outbox send at once after the commit instead of at its next poll.</summary>
    void WakeMail();
}
