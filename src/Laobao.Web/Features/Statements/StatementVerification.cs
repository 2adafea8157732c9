using System.Security.Cryptography;
using Laobao.Client;
using Laobao.Web.Data;
using Laobao.Web.Features.Inquiry;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Security;
using Laobao.Web.Security.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Features.Statements;

/// <summary>The outcome of a public lookup: throttled, unknown (also for malformed input), or found.</summary>
public sealed record VerificationResult(bool Limited, StatementCheckView? Found);

/// <summary>
/// The public check of SPEC §10, shared by the /verify page and GET /api/v1/statements/{code}. Every lookup from an
/// address counts against that address in the shared database (so the limit holds across nodes); unknown and
/// malformed codes get one answer; a lookup of a real statement is in its holder's activity history.
/// </summary>
public sealed class StatementVerification(
    LaobaoDbContext db, StatementService statements, RequestAudit audit, TimeProvider time, IOptions<StatementVerificationOptions> options)
{
    public const string AuditAction = "statement-verify";

    public async Task<VerificationResult> LookupAsync(string? code, string clientAddress, CancellationToken cancellationToken)
    {
        if (await CountAsync(clientAddress, cancellationToken).ConfigureAwait(false))
        {
            return new VerificationResult(true, null);
        }

        var statement = await statements.FindAsync(code, cancellationToken).ConfigureAwait(false);
        if (statement is null)
        {
            return new VerificationResult(false, null);
        }

        await audit.RecordAsync(AuditAction, "ok", statement.IdNumber, cancellationToken).ConfigureAwait(false);
        return new VerificationResult(false, View(statement));
    }

    /// <summary>Compares an uploaded file with the issued one by SHA-256 (fixed-time), after the same lookup as above.</summary>
    public async Task<(VerificationResult Result, StatementUploadCheckView? Check)> CompareAsync(
        string? code, byte[] upload, string clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var result = await LookupAsync(code, clientAddress, cancellationToken).ConfigureAwait(false);
        if (result.Found is not { } found)
        {
            return (result, null);
        }

        var uploaded = SHA256.HashData(upload);
        var identical = CryptographicOperations.FixedTimeEquals(uploaded, Convert.FromHexString(found.Sha256));
        return (result, new StatementUploadCheckView(found.Code, found.Status, identical, found.Sha256, Convert.ToHexStringLower(uploaded)));
    }

    private StatementCheckView View(IssuedStatement s)
    {
        var taiwan = TimeSpan.FromHours(8);
        return new StatementCheckView(
            StatementCode.Grouped(s.Code),
            statements.StatusOf(s),
            s.Kind,
            InquiryFormat.Date(DateOnly.FromDateTime(new DateTimeOffset(DateTime.SpecifyKind(s.IssuedAt, DateTimeKind.Utc)).ToOffset(taiwan).DateTime)),
            InquiryFormat.Date(DateOnly.FromDateTime(new DateTimeOffset(DateTime.SpecifyKind(s.ExpiresAt, DateTimeKind.Utc)).ToOffset(taiwan).DateTime)),
            s.HolderMasked,
            s.Sha256);
    }

    /// <summary>Counts this lookup; true when the address has used up its lookups in the window.</summary>
    private async Task<bool> CountAsync(string clientAddress, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var key = Hashes.Sha256Hex("statement-lookup:" + clientAddress);
        var rows = db.Set<SignInFailure>();
        if (await rows.CountAsync(r => r.KeyHash == key && r.At > now - limits.Window, cancellationToken).ConfigureAwait(false) >= limits.PerAddress)
        {
            return true;
        }

        rows.Add(new SignInFailure { KeyHash = key, At = now });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return false;
    }
}

/// <summary>Section <c>Statements:Verification</c>: public lookups allowed per client address and window.</summary>
public sealed class StatementVerificationOptions
{
    public const string Section = "Statements:Verification";

    public int PerAddress { get; init; } = 60;

    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(10);
}
