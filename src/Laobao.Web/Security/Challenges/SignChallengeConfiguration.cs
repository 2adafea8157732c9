using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Security.Challenges;

internal sealed class SignChallengeConfiguration : IEntityTypeConfiguration<SignChallenge>
{
    public void Configure(EntityTypeBuilder<SignChallenge> builder)
    {
        builder.ToTable("sign_challenges");
        builder.HasKey(c => c.NonceHash);
        builder.Property(c => c.NonceHash).HasMaxLength(64);
        builder.Property(c => c.BindingHash).HasMaxLength(64);
        builder.Property(c => c.Purpose).HasMaxLength(32);
        // Purging expired rows scans by expiry.
        builder.HasIndex(c => c.ExpiresAt);
    }
}
