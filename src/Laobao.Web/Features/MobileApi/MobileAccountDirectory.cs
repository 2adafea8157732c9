using System.Security.Cryptography;
using Laobao.Web.Data;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Localization;
using Laobao.Web.Mail;
using Laobao.Web.Security.Passwords;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Features.MobileApi;

/// <summary>
/// A hash, with today's parameters, of a random password nobody knows. An unknown email is verified against it,
/// so it costs the same Argon2id work as a wrong password and the two cannot be told apart by timing.
/// </summary>
public sealed class DummyPasswordHash(PasswordHasher hasher)
{
    private readonly Lazy<string> value = new(() => hasher.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    public string Value => value.Value;
}

/// <summary><see cref="IMobileAccountDirectory"/> over the mobile services accounts and their mail outbox.</summary>
public sealed class MobileAccountDirectory(
    LaobaoDbContext db, PasswordHasher hasher, DummyPasswordHash dummy, MailOutbox outbox, IHttpContextAccessor accessor) : IMobileAccountDirectory
{
    public async Task<MobileAccountView?> ForPersonAsync(string personIdNumber, CancellationToken cancellationToken) =>
        await db.Set<MobileAccount.MobileAccount>().AsNoTracking()
            .Where(a => a.PersonIdNumber == personIdNumber && a.Status != MobileAccountStatus.Closed)
            .Select(a => new MobileAccountView(a.PersonIdNumber, a.Email, a.Status == MobileAccountStatus.Active))
            .FirstOrDefaultAsync(cancellationToken);

    // On every password sign-in: compiled, and only the columns the check needs, untracked (the change tracker and the
    // LINQ pipeline around this one row showed in the profile of the sign-in).
    private static readonly CompiledPerModel<Func<LaobaoDbContext, string, CancellationToken, Task<AccountRow?>>> ActiveByEmail = new(() =>
        EF.CompileAsyncQuery((LaobaoDbContext context, string email, CancellationToken _) =>
            context.Set<MobileAccount.MobileAccount>().AsNoTracking()
                .Where(a => a.Email == email && a.Status == MobileAccountStatus.Active)
                .Select(a => new AccountRow(a.Id, a.PersonIdNumber, a.Email, a.PasswordHash))
                .FirstOrDefault()));

    public async Task<MobileAccountView?> CheckPasswordAsync(string email, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var normalized = email.Trim().ToLowerInvariant();
        var account = await ActiveByEmail.For(db)(db, normalized, cancellationToken);
        var check = hasher.Verify(password, account?.PasswordHash ?? dummy.Value);
        if (account is null || check == PasswordCheck.Mismatch)
        {
            return null;
        }

        if (check == PasswordCheck.MatchNeedsRehash)
        {
            var rehashed = hasher.Hash(password);
            await db.Set<MobileAccount.MobileAccount>().Where(a => a.Id == account.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.PasswordHash, rehashed), cancellationToken);
        }

        return new MobileAccountView(account.PersonIdNumber, account.Email, true);
    }

    private sealed record AccountRow(Guid Id, string PersonIdNumber, string Email, string PasswordHash);

    public void StageDeviceLinkedMail(MobileAccountView account, string deviceName, DateTime linkedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(account);
        var language = accessor.HttpContext?.UiLanguage() ?? UiLanguage.ZhTw;
        outbox.Add(db, account.Email, MailTemplate.DeviceLinked, language, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["device"] = deviceName,
            ["when"] = TaiwanTime.Format(linkedAtUtc),
        });
    }

    public void WakeMail() => outbox.Wake();
}
