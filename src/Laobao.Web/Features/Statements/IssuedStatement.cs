using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Features.Statements;

/// <summary>
/// One issued statement (SPEC §10). The PDF is kept byte for byte so the person can download it again and the
/// verification page can compare an uploaded file; the code is the key a verifier types or scans.
/// </summary>
public sealed class IssuedStatement
{
    /// <summary>16 Crockford base32 characters, no hyphens.</summary>
    public required string Code { get; set; }

    public required string IdNumber { get; set; }

    /// <summary>Masked like A12****789: all the verification page may say about the holder.</summary>
    public required string HolderMasked { get; set; }

    /// <summary><see cref="StatementKinds.Coverage"/> or <see cref="StatementKinds.Pension"/>.</summary>
    public required string Kind { get; set; }

    public DateOnly AsOf { get; set; }

    public DateTime IssuedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Pdf"/>.</summary>
    public required string Sha256 { get; set; }

    public required byte[] Pdf { get; set; }
}

internal sealed class IssuedStatementConfiguration : IEntityTypeConfiguration<IssuedStatement>
{
    public void Configure(EntityTypeBuilder<IssuedStatement> builder)
    {
        builder.ToTable("statements");
        builder.HasKey(s => s.Code);
        builder.Property(s => s.Code).HasMaxLength(16);
        builder.Property(s => s.IdNumber).HasMaxLength(10);
        builder.Property(s => s.HolderMasked).HasMaxLength(10);
        builder.Property(s => s.Kind).HasMaxLength(16);
        builder.Property(s => s.Sha256).HasMaxLength(64);
        // The person's list is read newest first.
        builder.HasIndex(s => new { s.IdNumber, s.IssuedAt });
    }
}
