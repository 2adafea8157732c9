using Laobao.Web.Data;
using Laobao.Web.Localization;
using Laobao.Web.Mail;
using Laobao.Web.Security.ActivationCodes;
using Laobao.Web.Security.Audit;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>What a code entry or a resend came to; the page shows a sentence per outcome.</summary>
public sealed record CodeOutcome(string Key, int TriesLeft = 0, DateTimeOffset? RetryAt = null, bool Done = false);

/// <summary>帳號啟用 and the email-change confirmation: check a mailed code, or send a new one within the limits.</summary>
public sealed class AccountActivationHandler(
    LaobaoDbContext db,
    ActivationCodeService codes,
    MailOutbox outbox,
    AuditService audit,
    TimeProvider time)
{
    public async Task<CodeOutcome> ActivateAsync(HttpContext context, DeskPerson person, string? typed, CancellationToken cancellationToken)
    {
        var account = await AccountApplicationHandler.OpenAccountAsync(db, person.IdNumber, cancellationToken);
        if (account is null)
        {
            return new CodeOutcome("code.noAccount");
        }

        if (account.Status == MobileAccountStatus.Active)
        {
            return new CodeOutcome("code.alreadyActive", Done: true);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var check = await codes.CheckAsync(account.Id, ActivationPurposes.Activate, typed, cancellationToken);
        var outcome = Describe(check);
        if (check.Outcome == CodeCheck.Confirmed)
        {
            account.Status = MobileAccountStatus.Active;
            account.ActivatedAt = time.GetUtcNow().UtcDateTime;
            outbox.Add(db, account.Email, MailTemplate.AccountActivated, context.UiLanguage(),
                new Dictionary<string, string>(StringComparer.Ordinal) { ["email"] = account.Email });
            await db.SaveChangesAsync(cancellationToken);
            outcome = new CodeOutcome("code.activated", Done: true);
        }

        await audit.RecordAsync(AccountApplicationHandler.Entry(context, person, Outcome(check.Outcome), "account-activation"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (check.Outcome == CodeCheck.Confirmed)
        {
            outbox.Wake();
        }

        return outcome;
    }

    public async Task<CodeOutcome> ResendAsync(HttpContext context, DeskPerson person, string purpose, CancellationToken cancellationToken)
    {
        var account = await AccountApplicationHandler.OpenAccountAsync(db, person.IdNumber, cancellationToken);
        if (account is null)
        {
            return new CodeOutcome("code.noAccount");
        }

        string target;
        if (purpose == ActivationPurposes.Activate)
        {
            if (account.Status == MobileAccountStatus.Active)
            {
                return new CodeOutcome("code.alreadyActive", Done: true);
            }

            target = account.Email;
        }
        else
        {
            // An email change resends to the address it is confirming, taken from the newest code of that change.
            var pending = await db.Set<ActivationCode>().AsNoTracking()
                .Where(c => c.AccountId == account.Id && c.Purpose == ActivationPurposes.ChangeEmail && c.ConsumedAt == null)
                .OrderByDescending(c => c.CreatedAt).Select(c => c.TargetEmail).FirstOrDefaultAsync(cancellationToken);
            if (pending is null)
            {
                return new CodeOutcome("code.none");
            }

            target = pending;
        }

        var verdict = await codes.CanResendAsync(account.Id, purpose, cancellationToken);
        if (verdict.Outcome != ResendCheck.Allowed)
        {
            await audit.RecordAsync(AccountApplicationHandler.Entry(context, person, "resend-limited", "account-code-resend"), cancellationToken);
            return new CodeOutcome(verdict.Outcome == ResendCheck.TooSoon ? "code.resendTooSoon" : "code.resendTooMany", RetryAt: verdict.RetryAt);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var issued = await codes.IssueAsync(account.Id, purpose, purpose == ActivationPurposes.ChangeEmail ? target : null, cancellationToken);
            var template = purpose == ActivationPurposes.Activate ? MailTemplate.ActivationCode : MailTemplate.EmailChangeCode;
            outbox.Add(db, target, template, context.UiLanguage(), AccountApplicationHandler.CodeValues(issued.Code, codes.Lifetime));
            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(AccountApplicationHandler.Entry(context, person, "ok", "account-code-resend"), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        outbox.Wake();
        return new CodeOutcome("code.resent");
    }

    public static CodeOutcome Describe(CodeCheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Outcome switch
        {
            CodeCheck.Confirmed => new CodeOutcome("code.confirmed", Done: true),
            CodeCheck.Wrong => new CodeOutcome("code.wrong", check.TriesLeft),
            CodeCheck.WrongAndVoided => new CodeOutcome("code.voided"),
            CodeCheck.Expired => new CodeOutcome("code.expired"),
            CodeCheck.Malformed => new CodeOutcome("code.malformed"),
            _ => new CodeOutcome("code.none"),
        };
    }

    public static string Outcome(CodeCheck check) => check switch
    {
        CodeCheck.Confirmed => "ok",
        CodeCheck.Wrong => "code-wrong",
        CodeCheck.WrongAndVoided => "code-voided",
        CodeCheck.Expired => "code-expired",
        CodeCheck.Malformed => "code-malformed",
        _ => "code-none",
    };
}
