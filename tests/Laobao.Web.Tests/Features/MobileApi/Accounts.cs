using Laobao.Web.Data;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Mail;
using Laobao.Web.Security.Passwords;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Tests.Features.MobileApi;

/// <summary>Mobile services accounts as the account feature stores them, made directly for the linking and sign-in tests.</summary>
public static class Accounts
{
    public const string WangEmail = "wang@example.tw";
    public const string WangPassword = "correct horse battery staple 勞保";

    public static readonly PasswordHasher Hasher = new(Options.Create(new PasswordHashingOptions()));

    public static async Task AddAsync(LaobaoDbContext db, string personIdNumber, string email, string password, MobileAccountStatus status, DateTime now, string termsVersion = AccountTerms.Version)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().Add(new Laobao.Web.Features.MobileAccount.MobileAccount
        {
            Id = Guid.NewGuid(),
            PersonIdNumber = personIdNumber,
            Email = email,
            PasswordHash = Hasher.Hash(password),
            Status = status,
            TermsVersion = termsVersion,
            TermsAcceptedAt = now,
            CreatedAt = now,
            ActivatedAt = status == MobileAccountStatus.Active ? now : null,
            ApplicationText = "test application",
            ApplicationSignature = "test signature",
        });
        await db.SaveChangesAsync();
    }

    public static MobileAccountDirectory Directory(LaobaoDbContext db, TimeProvider time) =>
        new(db, Hasher, new DummyPasswordHash(Hasher), new MailOutbox(new EphemeralDataProtectionProvider(), time, new OutboxSignal()), new HttpContextAccessor());
}
