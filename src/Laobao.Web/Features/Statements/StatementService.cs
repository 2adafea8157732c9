using System.Security.Cryptography;
using Laobao.Domain.Identity;
using Laobao.Web.Data;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Features.Statements;

/// <summary>What the person's own list shows of one statement.</summary>
public sealed record StatementSummary(string Code, string Kind, DateOnly AsOf, DateTime IssuedAt, DateTime ExpiresAt, DateTime? RevokedAt, string Sha256, string Status);

/// <summary>
/// Issues, lists, revokes and serves the person's statements. Issuing reads the same one-person read model as the
/// inquiry pages, renders, signs, and stores the PDF with its SHA-256 so it can be served and checked again.
/// </summary>
public sealed class StatementService(
    LaobaoDbContext db,
    PersonInquiryReader reader,
    StatementSigner signer,
    IOptions<StatementOptions> options,
    IOptions<DeskOptions> desk,
    TimeProvider time)
{
    public const string Valid = "valid";
    public const string Revoked = "revoked";
    public const string Expired = "expired";

    /// <summary>Null when no person has that ID number.</summary>
    public async Task<IssuedStatement?> IssueAsync(string idNumber, string kind, DateOnly? asOf, CancellationToken cancellationToken)
    {
        if (!StatementKinds.IsKnown(kind))
        {
            throw new ArgumentException($"unknown statement kind '{kind}'", nameof(kind));
        }

        var now = time.GetUtcNow();
        var day = asOf ?? DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var inquiry = await reader.ReadAsync(idNumber, day, cancellationToken).ConfigureAwait(false);
        if (inquiry is null)
        {
            return null;
        }

        var code = StatementCode.New();
        var expires = now.AddDays(options.Value.ValidDays);
        var content = new StatementContent(kind, inquiry, now, DateOnly.FromDateTime(expires.ToOffset(TimeSpan.FromHours(8)).DateTime), code, VerifyUrl(code));
        var pdf = await StatementRenderer.RenderAsync(content, signer.CreateDigitalSigner(time), options.Value.FontFile).ConfigureAwait(false);
        var statement = new IssuedStatement
        {
            Code = code,
            IdNumber = inquiry.Person.IdNumber,
            HolderMasked = inquiry.Person.MaskedIdNumber,
            Kind = kind,
            AsOf = day,
            IssuedAt = now.UtcDateTime,
            ExpiresAt = expires.UtcDateTime,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)),
            Pdf = pdf,
        };
        db.Set<IssuedStatement>().Add(statement);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return statement;
    }

    public string VerifyUrl(string code) => desk.Value.Origin.TrimEnd('/') + "/verify/" + code;

    public async Task<IReadOnlyList<StatementSummary>> ListAsync(string idNumber, CancellationToken cancellationToken)
    {
        var id = TaiwanId.Normalize(idNumber);
        var rows = await db.Set<IssuedStatement>().AsNoTracking()
            .Where(s => s.IdNumber == id)
            .OrderByDescending(s => s.IssuedAt)
            .Select(s => new { s.Code, s.Kind, s.AsOf, s.IssuedAt, s.ExpiresAt, s.RevokedAt, s.Sha256 })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        return rows.Select(s => new StatementSummary(s.Code, s.Kind, s.AsOf, s.IssuedAt, s.ExpiresAt, s.RevokedAt, s.Sha256, StatusOf(s.RevokedAt, s.ExpiresAt, now))).ToList();
    }

    /// <summary>The person's own PDF, or null when the code is not theirs.</summary>
    public async Task<IssuedStatement?> OwnAsync(string idNumber, string code, CancellationToken cancellationToken)
    {
        var id = TaiwanId.Normalize(idNumber);
        return StatementCode.TryNormalize(code, out var c)
            ? await db.Set<IssuedStatement>().AsNoTracking().FirstOrDefaultAsync(s => s.Code == c && s.IdNumber == id, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>Revokes the person's own statement; false when the code is not theirs. Revoking twice keeps the first time.</summary>
    public async Task<bool> RevokeAsync(string idNumber, string code, CancellationToken cancellationToken)
    {
        var id = TaiwanId.Normalize(idNumber);
        if (!StatementCode.TryNormalize(code, out var c))
        {
            return false;
        }

        var statement = await db.Set<IssuedStatement>().FirstOrDefaultAsync(s => s.Code == c && s.IdNumber == id, cancellationToken).ConfigureAwait(false);
        if (statement is null)
        {
            return false;
        }

        statement.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Looks a code up for the public check; malformed input is looked up too, so it costs what an unknown code costs.</summary>
    public async Task<IssuedStatement?> FindAsync(string? code, CancellationToken cancellationToken)
    {
        var known = StatementCode.TryNormalize(code, out var c);
        var row = await db.Set<IssuedStatement>().AsNoTracking()
            .Where(s => s.Code == (known ? c! : "################"))
            .Select(s => new IssuedStatement
            {
                Code = s.Code, IdNumber = s.IdNumber, HolderMasked = s.HolderMasked, Kind = s.Kind, AsOf = s.AsOf,
                IssuedAt = s.IssuedAt, ExpiresAt = s.ExpiresAt, RevokedAt = s.RevokedAt, Sha256 = s.Sha256, Pdf = Array.Empty<byte>(),
            })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return known ? row : null;
    }

    public string StatusOf(IssuedStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return StatusOf(statement.RevokedAt, statement.ExpiresAt, time.GetUtcNow().UtcDateTime);
    }

    private static string StatusOf(DateTime? revokedAt, DateTime expiresAt, DateTime now) =>
        revokedAt is not null ? Revoked : expiresAt <= now ? Expired : Valid;
}
