using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Security.Audit;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("audit_records");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Action).HasMaxLength(64);
        builder.Property(r => r.Outcome).HasMaxLength(64);
        builder.Property(r => r.SubjectIdNumber).HasMaxLength(10);
        builder.Property(r => r.SubjectMasked).HasMaxLength(10);
        builder.Property(r => r.ClientAddress).HasMaxLength(64);
        builder.Property(r => r.UserAgent).HasMaxLength(256);
        // A person's activity history is read newest first.
        builder.HasIndex(r => new { r.SubjectIdNumber, r.At });
    }
}
