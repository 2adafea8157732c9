using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Security.Sessions;

/// <summary>
/// One ASP.NET Core Data Protection key (XML). Keys protect session and antiforgery cookies, so every web
/// node must read the same ones: they live in the shared database.
/// </summary>
public sealed class DataProtectionKeyRecord
{
    public long Id { get; set; }

    public required string FriendlyName { get; set; }

    public required string Xml { get; set; }
}

internal sealed class DataProtectionKeyRecordConfiguration : IEntityTypeConfiguration<DataProtectionKeyRecord>
{
    public void Configure(EntityTypeBuilder<DataProtectionKeyRecord> builder)
    {
        builder.ToTable("data_protection_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.FriendlyName).HasMaxLength(128);
    }
}
