using System.Security.Claims;
using Laobao.Domain.Dates;
using Laobao.Domain.Identity;
using Laobao.Web.Data;
using Laobao.Web.Security;
using Laobao.Web.Security.Audit;
using Laobao.Web.Security.Cards;
using Laobao.Web.Security.Challenges;
using Laobao.Web.Security.RateLimiting;
using Laobao.Web.Security.Sessions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Features.CardLogin;

/// <summary>Card sign-in: challenge, then signature → certificate → identity → registry → session (SPEC §4.2–§4.5).</summary>
public sealed class CardLoginHandler(
    ChallengeService challenges,
    CardSignatureVerifier verifier,
    SignInLimiter limiter,
    AuditService audit,
    LaobaoDbContext db,
    IOptions<DeskOptions> desk)
{
    public const string AuditAction = "card-login";

    private static readonly CompiledPerModel<Func<LaobaoDbContext, string, CancellationToken, Task<PersonRow?>>> PersonQuery = new(() =>
        EF.CompileAsyncQuery<LaobaoDbContext, string, PersonRow?>((LaobaoDbContext context, string idNumber, CancellationToken _) =>
            context.Persons.AsNoTracking().Where(p => p.IdNumber == idNumber).Select(p => new PersonRow(p.Name, p.BirthDate)).SingleOrDefault()));

    public async Task<IResult> IssueChallengeAsync(HttpContext context, ChallengeRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return ProblemResults.For(CardCheckCodes.RequestMalformed, "The body is not the expected JSON.");
        }

        if (!TaiwanId.TryParse(request.IdNumber, out var id, out var error))
        {
            return ProblemResults.For(CardCheckCodes.RequestMalformed, error.Message);
        }

        if (await limiter.IsLimitedAsync(id.Value, ClientAddress(context), cancellationToken))
        {
            return ProblemResults.For(CardCheckCodes.RateLimited, "Too many failed sign-ins; try again later.");
        }

        var binding = BrowserBinding.GetOrCreate(context);
        var issued = await challenges.IssueAsync(ChallengePurposes.CardLogin, binding, cancellationToken);
        var tbs = ToBeSigned.CardLogin(desk.Value.Origin, issued.Nonce, id.Value);
        return Results.Ok(new ChallengeResponse(issued.Nonce, tbs, issued.ExpiresAt));
    }

    public async Task<IResult> LoginAsync(HttpContext context, CardLoginRequest? request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return await RefuseAsync(context, null, CardCheckCodes.RequestMalformed, "The body is not the expected JSON.", cancellationToken);
        }

        if (!TaiwanId.TryParse(request.IdNumber, out var id, out var idError))
        {
            return await RefuseAsync(context, null, CardCheckCodes.RequestMalformed, idError.Message, cancellationToken);
        }

        if (!RocDate.TryParse(request.BirthDate, out var birthDate, out var dateError))
        {
            return await RefuseAsync(context, id, CardCheckCodes.RequestMalformed, dateError.Message, cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(request.Signature))
        {
            return await RefuseAsync(context, id, CardCheckCodes.RequestMalformed, "The signature is missing.", cancellationToken);
        }

        if (await limiter.IsLimitedAsync(id.Value, ClientAddress(context), cancellationToken))
        {
            // Refused before any work and not counted again, so a locked-out ID recovers when the window passes.
            await AuditAsync(context, id, CardCheckCodes.RateLimited, cancellationToken);
            return ProblemResults.For(CardCheckCodes.RateLimited, "Too many failed sign-ins; try again later.");
        }

        var origin = desk.Value.Origin;
        var verification = await verifier.VerifyAsync(
            ChallengePurposes.CardLogin,
            request.Signature,
            BrowserBinding.Read(context),
            nonce => ToBeSigned.CardLogin(origin, nonce, id.Value),
            id.Value,
            cancellationToken);
        if (verification.ErrorCode is { } code)
        {
            return await RefuseAsync(context, id, code, Titles.For(code), cancellationToken);
        }

        var person = await PersonQuery.For(db)(db, id.Value, cancellationToken);
        if (person is null)
        {
            return await RefuseAsync(context, id, CardCheckCodes.PersonNotFound, Titles.For(CardCheckCodes.PersonNotFound), cancellationToken);
        }

        if (person.BirthDate != birthDate)
        {
            return await RefuseAsync(context, id, CardCheckCodes.IdentityMismatch, Titles.For(CardCheckCodes.IdentityMismatch), cancellationToken);
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(DeskClaims.IdNumber, id.Value),
                new Claim(DeskClaims.Name, person.Name),
                new Claim(DeskClaims.Masked, id.Masked),
                new Claim(Security.Assurance.AssuranceLevels.ClaimType, Security.Assurance.AssuranceLevels.Card),
            ],
            DeskClaims.Scheme,
            DeskClaims.Name,
            null));
        await context.SignInAsync(DeskClaims.Scheme, principal, new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        await AuditAsync(context, id, "ok", cancellationToken);
        return Results.Ok(new CardLoginResponse("/desk"));
    }

    public async Task LogoutAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var idNumber = context.User.FindFirstValue(DeskClaims.IdNumber);
        await context.SignOutAsync(DeskClaims.Scheme);
        if (idNumber is not null && TaiwanId.TryParse(idNumber, out var id, out _))
        {
            await audit.RecordAsync(new AuditEntry("sign-out", "ok", id.Value, id.Masked, ClientAddress(context), UserAgent(context)), cancellationToken);
        }
    }

    /// <summary>Counts the failure against the address and the ID, audits it, and answers with the problem document.</summary>
    public async Task<IResult> RefuseAsync(HttpContext context, TaiwanId? id, string code, string title, CancellationToken cancellationToken)
    {
        await limiter.RecordFailureAsync(id?.Value, ClientAddress(context), cancellationToken);
        await AuditAsync(context, id, code, cancellationToken);
        return ProblemResults.For(code, title);
    }

    // Nothing else of this request is pending in the context when its outcome is audited: the row goes through the
    // group-committing writer, and the answer waits for its commit as before.
    private Task AuditAsync(HttpContext context, TaiwanId? id, string outcome, CancellationToken cancellationToken) =>
        audit.RecordOnItsOwnAsync(new AuditEntry(AuditAction, outcome, id?.Value, id?.Masked, ClientAddress(context), UserAgent(context)), cancellationToken);

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static string? UserAgent(HttpContext context) => context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null;

    private sealed record PersonRow(string Name, DateOnly BirthDate);

    /// <summary>English one-liners for the problem title; the page shows its own sentence per code in the person's language.</summary>
    private static class Titles
    {
        public static string For(string code) => code switch
        {
            CardCheckCodes.ChallengeUnknown => "The signing challenge is unknown, already used, or from another browser session.",
            CardCheckCodes.ChallengeExpired => "The signing challenge has expired.",
            CardCheckCodes.SignatureInvalid => "The signature does not verify.",
            CardCheckCodes.SignatureContentMismatch => "The signed text is not the text this server asked to sign.",
            CardCheckCodes.CertificateNotYetValid => "The card certificate is not yet valid.",
            CardCheckCodes.CertificateExpired => "The card certificate has expired.",
            CardCheckCodes.CertificateUntrusted => "The card certificate does not chain to a trusted certification authority.",
            CardCheckCodes.CertificateWrongUsage => "The card certificate is not for digital signatures.",
            CardCheckCodes.CertificatePolicy => "The card certificate carries none of the accepted policies.",
            CardCheckCodes.CertificateRevoked => "The card certificate has been revoked.",
            CardCheckCodes.CertificateRevocationUnknown => "The revocation status of the card certificate cannot be determined.",
            CardCheckCodes.IdentityMismatch => "The card or the date of birth does not match the ID number entered.",
            CardCheckCodes.PersonNotFound => "No insurance record exists for this ID number.",
            _ => "The sign-in was refused.",
        };
    }
}
