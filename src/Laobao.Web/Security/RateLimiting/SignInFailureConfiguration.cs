using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Security.RateLimiting;

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> builder)
    {
        builder.ToTable("sign_in_failures");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.KeyHash).HasMaxLength(64);
        builder.HasIndex(f => new { f.KeyHash, f.At });
        builder.HasIndex(f => f.At);
    }
}
