using Laobao.Web.Data;
using Laobao.Web.Localization;
using Laobao.Web.Mail;
using Laobao.Web.Security;
using Laobao.Web.Security.ActivationCodes;
using Laobao.Web.Security.Audit;
using Laobao.Web.Security.Cards;
using Laobao.Web.Security.Challenges;
using Laobao.Web.Security.Passwords;
using Laobao.Web.Security.DeviceKeys;
using Laobao.Web.Security.RateLimiting;
using Laobao.Web.Security.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Features.MobileAccount;

public sealed record ChangeRequest(string? Action, string? Password, string? ConfirmPassword, string? Email, string? Signature);

/// <summary>
/// Changing the password, moving to another email (confirmed by a code sent there) and closing the account,
/// each confirmed with the card over <c>laobao:account-change:v1</c> with the action (and new email) signed.
/// </summary>
public sealed class AccountChangeHandler(
    LaobaoDbContext db,
    ChallengeService challenges,
    CardSignatureVerifier verifier,
    PasswordHasher hasher,
    ActivationCodeService codes,
    MailOutbox outbox,
    AuditService audit,
    CardSignatureLimiter signatureLimiter,
    TokenService tokens,
    IOptions<DeskOptions> desk,
    TimeProvider time)
{
    public const string Header = "laobao:account-change:v1";
    public const string Purpose = "account-change";
    public const string ChangePassword = "change-password";
    public const string ChangeEmail = "change-email";
    public const string Close = "close";

    public static string ChangeText(string origin, string nonce, string idNumber, string action, string? email)
    {
        var fields = new List<(string, string)> { ("id", idNumber), ("action", action) };
        if (action == ChangeEmail)
        {
            fields.Add(("email", email ?? ""));
        }

        return ToBeSigned.Build(Header, origin, nonce, fields);
    }

    public async Task<IResult> ChallengeAsync(HttpContext context, DeskPerson person, ChangeRequest? request, CancellationToken cancellationToken)
    {
        if (await signatureLimiter.LimitedUntilAsync(person.IdNumber, cancellationToken) is { } until)
        {
            return AccountResults.SigningLimited(until);
        }

        var (refusal, _, email) = await PrecheckAsync(person, request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var issued = await challenges.IssueAsync(Purpose, BrowserBinding.GetOrCreate(context), cancellationToken);
        return Results.Ok(new SignChallengeResponse(issued.Nonce, ChangeText(desk.Value.Origin, issued.Nonce, person.IdNumber, request!.Action!, email), issued.ExpiresAt));
    }

    public async Task<IResult> ChangeAsync(HttpContext context, DeskPerson person, ChangeRequest? request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Signature))
        {
            return AccountResults.Malformed("The signature is missing.");
        }

        var (refusal, account, email) = await PrecheckAsync(person, request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var action = request.Action!;
        if (await signatureLimiter.LimitedUntilAsync(person.IdNumber, cancellationToken) is { } until)
        {
            // Refused before any card work and not counted again, so the person recovers when the window passes.
            await audit.RecordAsync(AccountApplicationHandler.Entry(context, person, AccountCodes.SigningLimited, "account-" + action), cancellationToken);
            return AccountResults.SigningLimited(until);
        }

        var origin = desk.Value.Origin;
        var verification = await verifier.VerifyAsync(Purpose, request.Signature, BrowserBinding.Read(context),
            nonce => ChangeText(origin, nonce, person.IdNumber, action, email), person.IdNumber, cancellationToken);
        if (verification.ErrorCode is { } code)
        {
            await signatureLimiter.RecordFailureAsync(person.IdNumber, cancellationToken);
            await audit.RecordAsync(AccountApplicationHandler.Entry(context, person, code, "account-" + action), cancellationToken);
            return AccountResults.Problem(code, "The card signature of the change was refused.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var language = context.UiLanguage();
        string redirect;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            switch (action)
            {
                case ChangePassword:
                    account!.PasswordHash = hasher.Hash(request.Password!);
                    account.PasswordChangedAt = now;
                    // A new password ends every phone's session: whoever learnt the old one is out (the change is made
                    // on the e-desk, so no app session made it and none is kept).
                    await tokens.RevokePersonAsync(account.PersonIdNumber, keepFamily: null, cancellationToken);
                    outbox.Add(db, account.Email, MailTemplate.PasswordChanged, language, When(now));
                    redirect = "/desk/accounts?done=password";
                    break;
                case ChangeEmail:
                    var issued = await codes.IssueAsync(account!.Id, ActivationPurposes.ChangeEmail, email, cancellationToken);
                    outbox.Add(db, email!, MailTemplate.EmailChangeCode, language, AccountApplicationHandler.CodeValues(issued.Code, codes.Lifetime));
                    redirect = "/desk/accounts/email/confirm";
                    break;
                default:
                    account!.Status = MobileAccountStatus.Closed;
                    account.ClosedAt = now;
                    await db.Set<ActivationCode>().Where(c => c.AccountId == account.Id && c.ConsumedAt == null && c.VoidedAt == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(c => c.VoidedAt, now), cancellationToken);
                    // Closing ends the phones' access at once: every device unlinked, every token family revoked.
                    await db.Set<LinkedDevice>().Where(d => d.PersonIdNumber == account.PersonIdNumber && d.UnlinkedAt == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(d => d.UnlinkedAt, now), cancellationToken);
                    await tokens.RevokePersonAsync(account.PersonIdNumber, keepFamily: null, cancellationToken);
                    // The passkeys go with the account (SPEC §11): none of them signs in again.
                    if (await db.Set<Passkeys.PasskeyCredential>().Where(p => p.PersonIdNumber == account.PersonIdNumber).ExecuteDeleteAsync(cancellationToken) > 0)
                    {
                        await audit.RecordAsync(AccountApplicationHandler.Entry(context, person, "ok", Passkeys.PasskeysDeskApi.AuditRevoke), cancellationToken);
                    }

                    outbox.Add(db, account.Email, MailTemplate.AccountClosed, language, When(now));
                    redirect = "/desk/accounts?done=closed";
                    break;
            }

            await db.SaveChangesAsync(cancellationToken);
            await audit.RecordAsync(AccountApplicationHandler.Entry(context, person, "ok", "account-" + action), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        outbox.Wake();
        return Results.Ok(new RedirectResponse(redirect));
    }

    /// <summary>The code sent to the new address moves the account there; the old address is told.</summary>
    public async Task<CodeOutcome> ConfirmEmailAsync(HttpContext context, DeskPerson person, string? typed, CancellationToken cancellationToken)
    {
        var account = await AccountApplicationHandler.OpenAccountAsync(db, person.IdNumber, cancellationToken);
        if (account is null)
        {
            return new CodeOutcome("code.noAccount");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var check = await codes.CheckAsync(account.Id, ActivationPurposes.ChangeEmail, typed, cancellationToken);
        var outcome = AccountActivationHandler.Describe(check);
        if (check.Outcome == CodeCheck.Confirmed)
        {
            var target = check.Code!.TargetEmail!;
            if (await AccountApplicationHandler.EmailTakenAsync(db, target, person.IdNumber, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return new CodeOutcome("code.emailTaken");
            }

            var now = time.GetUtcNow().UtcDateTime;
            var old = account.Email;
            account.Email = target;
            var values = When(now);
            values["email"] = target;
            outbox.Add(db, old, MailTemplate.EmailChanged, context.UiLanguage(), values);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                await transaction.RollbackAsync(cancellationToken);
                return new CodeOutcome("code.emailTaken");
            }

            // The sign-in name changed: every phone signs in again with it.
            await tokens.RevokePersonAsync(account.PersonIdNumber, keepFamily: null, cancellationToken);
            outcome = new CodeOutcome("code.emailChanged", Done: true);
        }

        await audit.RecordAsync(AccountApplicationHandler.Entry(context, person, AccountActivationHandler.Outcome(check.Outcome), "account-email-confirm"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Wake();
        return outcome;
    }

    private async Task<(IResult? Refusal, MobileAccount? Account, string? Email)> PrecheckAsync(DeskPerson person, ChangeRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return (AccountResults.Malformed("The body is not the expected JSON."), null, null);
        }

        if (request.Action is not (ChangePassword or ChangeEmail or Close))
        {
            return (AccountResults.Problem(AccountCodes.ActionUnknown, "The action is not one of change-password, change-email, close."), null, null);
        }

        var account = await AccountApplicationHandler.OpenAccountAsync(db, person.IdNumber, cancellationToken);
        if (account is null)
        {
            return (AccountResults.Problem(AccountCodes.NotFound, "There is no open mobile services account."), null, null);
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        string? email = null;
        if (request.Action == ChangePassword)
        {
            if (PasswordPolicy.Check(request.Password, AccountApplicationHandler.PersonalWords(person).Append(account.Email)) is { } problem)
            {
                errors["password"] = problem;
            }

            if (!string.Equals(request.Password, request.ConfirmPassword, StringComparison.Ordinal))
            {
                errors["confirmPassword"] = PasswordProblems.Mismatch;
            }
        }
        else if (request.Action == ChangeEmail)
        {
            email = AccountInput.NormalizeEmail(request.Email);
            if (email is null)
            {
                errors["email"] = string.IsNullOrWhiteSpace(request.Email) ? AccountCodes.EmailEmpty : AccountCodes.EmailFormat;
            }
            else if (email == account.Email)
            {
                errors["email"] = AccountCodes.EmailSame;
            }
            else if (await AccountApplicationHandler.EmailTakenAsync(db, email, person.IdNumber, cancellationToken))
            {
                errors["email"] = AccountCodes.EmailTaken;
            }
        }

        return errors.Count > 0
            ? (AccountResults.Problem(AccountCodes.Invalid, "Some fields need attention.", errors), null, null)
            : (null, account, email);
    }

    private static Dictionary<string, string> When(DateTime utc) => new(StringComparer.Ordinal) { ["when"] = TaiwanTime.Format(utc) };
}
