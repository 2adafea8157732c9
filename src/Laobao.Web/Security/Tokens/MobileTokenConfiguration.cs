using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Security.Tokens;

internal sealed class MobileAccessTokenConfiguration : IEntityTypeConfiguration<MobileAccessToken>
{
    public void Configure(EntityTypeBuilder<MobileAccessToken> builder)
    {
        builder.ToTable("mobile_access_tokens");
        builder.HasKey(t => t.TokenHash);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.PersonIdNumber).HasMaxLength(10);
        // Revoking a family or a device, and purging expired rows.
        builder.HasIndex(t => t.FamilyId);
        builder.HasIndex(t => t.DeviceId);
        builder.HasIndex(t => t.ExpiresAt);
    }
}

internal sealed class MobileRefreshTokenConfiguration : IEntityTypeConfiguration<MobileRefreshToken>
{
    public void Configure(EntityTypeBuilder<MobileRefreshToken> builder)
    {
        builder.ToTable("mobile_refresh_tokens");
        builder.HasKey(t => t.TokenHash);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.PersonIdNumber).HasMaxLength(10);
        builder.HasIndex(t => t.FamilyId);
        builder.HasIndex(t => t.DeviceId);
        builder.HasIndex(t => t.ExpiresAt);
    }
}
