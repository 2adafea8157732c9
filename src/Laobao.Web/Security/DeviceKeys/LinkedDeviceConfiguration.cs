using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Security.DeviceKeys;

internal sealed class LinkedDeviceConfiguration : IEntityTypeConfiguration<LinkedDevice>
{
    public void Configure(EntityTypeBuilder<LinkedDevice> builder)
    {
        builder.ToTable("linked_devices");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.PersonIdNumber).HasMaxLength(10);
        builder.Property(d => d.PublicKeySpki).HasMaxLength(256);
        builder.Property(d => d.Name).HasMaxLength(64);
        builder.Property(d => d.Platform).HasMaxLength(32);
        builder.HasIndex(d => d.PersonIdNumber);
    }
}
