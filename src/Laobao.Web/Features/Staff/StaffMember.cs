using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Features.Staff;

/// <summary>
/// A bureau staff member who may answer cases under /staff (granted by <c>laobao staff grant ID</c>). They sign in with
/// their own card like anyone; the row is what makes them staff, read on every /staff request so a revoke takes effect at once.
/// </summary>
public sealed class StaffMember
{
    public required string IdNumber { get; set; }

    public DateTime GrantedAt { get; set; }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.ToTable("staff_members");
        builder.HasKey(s => s.IdNumber);
        builder.Property(s => s.IdNumber).HasMaxLength(10);
    }
}
