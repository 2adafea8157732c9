using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Security.Sessions;

internal sealed class DeskSessionConfiguration : IEntityTypeConfiguration<DeskSession>
{
    public void Configure(EntityTypeBuilder<DeskSession> builder)
    {
        builder.ToTable("desk_sessions");
        builder.HasKey(s => s.KeyHash);
        builder.Property(s => s.KeyHash).HasMaxLength(64);
        builder.Property(s => s.PersonIdNumber).HasMaxLength(10);
        builder.HasIndex(s => s.PersonIdNumber);
        builder.HasIndex(s => s.AbsoluteExpiresAt);
    }
}
