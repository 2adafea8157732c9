using Laobao.Web.Data;
using Laobao.Web.Security.Passwords;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>
/// The password check of a sign-in (the mobile API uses it): a correct password stored with weaker parameters
/// than today's is hashed again on the spot, so raising the cost reaches everyone who signs in.
/// </summary>
public sealed class AccountPasswords(LaobaoDbContext db, PasswordHasher hasher)
{
    public async Task<bool> VerifyAsync(Guid accountId, string password, CancellationToken cancellationToken)
    {
        var account = await db.Set<MobileAccount>().SingleOrDefaultAsync(a => a.Id == accountId && a.Status == MobileAccountStatus.Active, cancellationToken);
        if (account is null)
        {
            return false;
        }

        switch (hasher.Verify(password, account.PasswordHash))
        {
            case PasswordCheck.Match:
                return true;
            case PasswordCheck.MatchNeedsRehash:
                var old = account.PasswordHash;
                var renewed = hasher.Hash(password);
                // Conditional, so a password changed in the meantime is never overwritten by the old one.
                await db.Set<MobileAccount>().Where(a => a.Id == accountId && a.PasswordHash == old)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.PasswordHash, renewed), cancellationToken);
                return true;
            default:
                return false;
        }
    }
}
