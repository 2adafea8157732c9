using Laobao.Domain.Identity;
using Laobao.Web.Data;
using Laobao.Web.Localization;
using Laobao.Web.Mail;
using Laobao.Web.Security;
using Laobao.Web.Security.ActivationCodes;
using Laobao.Web.Security.Audit;
using Laobao.Web.Security.Cards;
using Laobao.Web.Security.Challenges;
using Laobao.Web.Security.Passwords;
using Laobao.Web.Security.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Features.MobileAccount;

public sealed record ApplicationRequest(string? Email, string? Password, string? ConfirmPassword, string? Mobile, string? Signature);

public sealed record SignChallengeResponse(string Nonce, string Tbs, DateTimeOffset ExpiresAt);

public sealed record RedirectResponse(string Redirect);

/// <summary>
/// 建立服務帳號: the form is checked, a challenge is issued for the exact text of SPEC §4.2, and the signed
/// application creates the account, its activation code and the code's mail in one transaction.
/// </summary>
public sealed class AccountApplicationHandler(
    LaobaoDbContext db,
    ChallengeService challenges,
    CardSignatureVerifier verifier,
    PasswordHasher hasher,
    ActivationCodeService codes,
    MailOutbox outbox,
    AuditService audit,
    CardSignatureLimiter signatureLimiter,
    IOptions<DeskOptions> desk,
    TimeProvider time)
{
    public const string AuditAction = "account-application";
    public const string AppliedPath = "/desk/accounts/applied";

    public static string ApplicationText(string origin, string nonce, string idNumber, CleanAccountForm form, string termsVersion) =>
        ToBeSigned.Build(ToBeSigned.AccountApplicationHeader, origin, nonce,
            [("id", idNumber), ("email", form.Email), ("mobile", form.Mobile ?? ""), ("terms", termsVersion)]);

    public async Task<IResult> ChallengeAsync(HttpContext context, DeskPerson person, ApplicationRequest? request, CancellationToken cancellationToken)
    {
        if (await signatureLimiter.LimitedUntilAsync(person.IdNumber, cancellationToken) is { } until)
        {
            return AccountResults.SigningLimited(until);
        }

        var (refusal, _) = await PrecheckAsync(person, request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var issued = await challenges.IssueAsync(ChallengePurposes.AccountApplication, BrowserBinding.GetOrCreate(context), cancellationToken);
        var form = Clean(person, request!);
        var tbs = ApplicationText(desk.Value.Origin, issued.Nonce, person.IdNumber, form, AccountTerms.Version);
        return Results.Ok(new SignChallengeResponse(issued.Nonce, tbs, issued.ExpiresAt));
    }

    public async Task<IResult> ApplyAsync(HttpContext context, DeskPerson person, ApplicationRequest? request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Signature))
        {
            return AccountResults.Malformed("The signature is missing.");
        }

        var form = await FormOrNullAsync(person, request, cancellationToken);
        if (form is null)
        {
            var (refusal, _) = await PrecheckAsync(person, request, cancellationToken);
            return refusal ?? AccountResults.Malformed("The application is not valid.");
        }

        if (await signatureLimiter.LimitedUntilAsync(person.IdNumber, cancellationToken) is { } until)
        {
            // Refused before any card work and not counted again, so the person recovers when the window passes.
            await AuditAsync(context, person, AccountCodes.SigningLimited, cancellationToken);
            return AccountResults.SigningLimited(until);
        }

        var origin = desk.Value.Origin;
        string? signedText = null;
        var verification = await verifier.VerifyAsync(
            ChallengePurposes.AccountApplication,
            request.Signature,
            BrowserBinding.Read(context),
            nonce => signedText = ApplicationText(origin, nonce, person.IdNumber, form, AccountTerms.Version),
            person.IdNumber,
            cancellationToken);
        if (verification.ErrorCode is { } code)
        {
            await signatureLimiter.RecordFailureAsync(person.IdNumber, cancellationToken);
            await AuditAsync(context, person, code, cancellationToken);
            return AccountResults.Problem(code, "The card signature of the application was refused.");
        }

        // A second submission of an application that already went through (double click, reload, a retry after
        // a lost answer) lands on the same success page and makes nothing new.
        var existing = await OpenAccountAsync(db, person.IdNumber, cancellationToken);
        if (existing is not null)
        {
            return existing.Status == MobileAccountStatus.PendingActivation && existing.Email == form.Email
                ? Results.Ok(new RedirectResponse(AppliedPath))
                : AccountResults.Problem(AccountCodes.Exists, "This person already has a mobile services account.");
        }

        var accepted = await LatestAcceptanceAsync(db, person.IdNumber, cancellationToken);
        if (accepted is null || accepted.Version != AccountTerms.Version)
        {
            return AccountResults.Problem(AccountCodes.TermsRequired, "The current terms have not been accepted.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var account = new MobileAccount
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            PersonIdNumber = person.IdNumber,
            Email = form.Email,
            Mobile = form.Mobile,
            PasswordHash = hasher.Hash(form.Password),
            Status = MobileAccountStatus.PendingActivation,
            TermsVersion = accepted.Version,
            TermsAcceptedAt = accepted.AcceptedAt,
            CreatedAt = now,
            ApplicationText = signedText!,
            ApplicationSignature = request.Signature,
        };

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            try
            {
                db.Set<MobileAccount>().Add(account);
                await db.SaveChangesAsync(cancellationToken);
                var issued = await codes.IssueAsync(account.Id, ActivationPurposes.Activate, null, cancellationToken);
                outbox.Add(db, account.Email, MailTemplate.ActivationCode, context.UiLanguage(), CodeValues(issued.Code, codes.Lifetime));
                await audit.RecordAsync(Entry(context, person, "ok"), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return await RaceOutcomeAsync(person, form, cancellationToken);
            }
        }

        outbox.Wake();
        return Results.Ok(new RedirectResponse(AppliedPath));
    }

    public static Dictionary<string, string> CodeValues(string code, TimeSpan lifetime) => new(StringComparer.Ordinal)
    {
        ["code"] = code,
        ["minutes"] = ((int)lifetime.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static Task<MobileAccount?> OpenAccountAsync(LaobaoDbContext db, string idNumber, CancellationToken cancellationToken) =>
        db.Set<MobileAccount>().SingleOrDefaultAsync(a => a.PersonIdNumber == idNumber && a.Status != MobileAccountStatus.Closed, cancellationToken);

    public static Task<TermsAcceptance?> LatestAcceptanceAsync(LaobaoDbContext db, string idNumber, CancellationToken cancellationToken) =>
        db.Set<TermsAcceptance>().AsNoTracking().Where(t => t.PersonIdNumber == idNumber)
            .OrderByDescending(t => t.AcceptedAt).ThenByDescending(t => t.Id).FirstOrDefaultAsync(cancellationToken);

    public static Task<bool> EmailTakenAsync(LaobaoDbContext db, string email, string exceptIdNumber, CancellationToken cancellationToken) =>
        db.Set<MobileAccount>().AnyAsync(a => a.Email == email && a.Status != MobileAccountStatus.Closed && a.PersonIdNumber != exceptIdNumber, cancellationToken);

    /// <summary>The words a password must not be built on: the person's email, name and ID number.</summary>
    public static IEnumerable<string> PersonalWords(DeskPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return [person.Name, person.IdNumber];
    }

    private async Task<(IResult? Refusal, CleanAccountForm? Form)> PrecheckAsync(DeskPerson person, ApplicationRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return (AccountResults.Malformed("The body is not the expected JSON."), null);
        }

        if (await OpenAccountAsync(db, person.IdNumber, cancellationToken) is not null)
        {
            return (AccountResults.Problem(AccountCodes.Exists, "This person already has a mobile services account."), null);
        }

        if ((await LatestAcceptanceAsync(db, person.IdNumber, cancellationToken))?.Version != AccountTerms.Version)
        {
            return (AccountResults.Problem(AccountCodes.TermsRequired, "The current terms have not been accepted."), null);
        }

        var errors = AccountInput.Check(new AccountForm(request.Email, request.Password, request.ConfirmPassword, request.Mobile), PersonalWords(person), out var form);
        if (form is not null && await EmailTakenAsync(db, form.Email, person.IdNumber, cancellationToken))
        {
            errors["email"] = AccountCodes.EmailTaken;
        }

        return errors.Count > 0
            ? (AccountResults.Problem(AccountCodes.Invalid, "Some fields need attention.", errors), null)
            : (null, form);
    }

    private async Task<CleanAccountForm?> FormOrNullAsync(DeskPerson person, ApplicationRequest request, CancellationToken cancellationToken)
    {
        var errors = AccountInput.Check(new AccountForm(request.Email, request.Password, request.ConfirmPassword, request.Mobile), PersonalWords(person), out var form);
        if (errors.Count > 0 || form is null)
        {
            return null;
        }

        // The email check runs again here, not only at the challenge: someone else may have taken it meanwhile.
        return await EmailTakenAsync(db, form.Email, person.IdNumber, cancellationToken) ? null : form;
    }

    private static CleanAccountForm Clean(DeskPerson person, ApplicationRequest request)
    {
        AccountInput.Check(new AccountForm(request.Email, request.Password, request.ConfirmPassword, request.Mobile), PersonalWords(person), out var form);
        return form!;
    }

    /// <summary>A unique index refused the insert: another request of this person, or someone else with this email, won.</summary>
    private async Task<IResult> RaceOutcomeAsync(DeskPerson person, CleanAccountForm form, CancellationToken cancellationToken)
    {
        var existing = await OpenAccountAsync(db, person.IdNumber, cancellationToken);
        if (existing is not null)
        {
            return existing.Email == form.Email && existing.Status == MobileAccountStatus.PendingActivation
                ? Results.Ok(new RedirectResponse(AppliedPath))
                : AccountResults.Problem(AccountCodes.Exists, "This person already has a mobile services account.");
        }

        return AccountResults.Problem(AccountCodes.Invalid, "Some fields need attention.",
            new Dictionary<string, string>(StringComparer.Ordinal) { ["email"] = AccountCodes.EmailTaken });
    }

    private Task AuditAsync(HttpContext context, DeskPerson person, string outcome, CancellationToken cancellationToken) =>
        audit.RecordAsync(Entry(context, person, outcome), cancellationToken);

    public static AuditEntry Entry(HttpContext context, DeskPerson person, string outcome, string action = AuditAction)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(person);
        var masked = TaiwanId.TryParse(person.IdNumber, out var id, out _) ? id.Masked : person.Masked;
        var agent = context.Request.Headers.UserAgent.ToString();
        return new AuditEntry(action, outcome, person.IdNumber, masked, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", agent.Length > 0 ? agent : null);
    }
}
