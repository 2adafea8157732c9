using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Features.DeviceLinking;

/// <summary>
/// A link ticket shown on the e-desk as a QR code and a manual code. Only hashes are stored; a ticket is
/// taken once, lives three minutes, and is cut short when the next one is drawn so a screenshot goes stale.
/// </summary>
public sealed class DeviceLinkTicket
{
    public required string TicketHash { get; set; }

    public required string ManualCodeHash { get; set; }

    public required string PersonIdNumber { get; set; }

    public DateTime IssuedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? ConsumedAt { get; set; }
}

/// <summary>A phone that presented a ticket and proved its key, waiting for the person to pick its number on the e-desk.</summary>
public sealed class DeviceLinkAttempt
{
    public Guid Id { get; set; }

    public required string PersonIdNumber { get; set; }

    public required byte[] PublicKeySpki { get; set; }

    public required string DeviceName { get; set; }

    public required string Platform { get; set; }

    /// <summary>The two digits the phone shows.</summary>
    public required string MatchNumber { get; set; }

    /// <summary>The numbers offered on the e-desk, comma-separated, the right one among them.</summary>
    public required string Choices { get; set; }

    /// <summary>pending, linked, refused (see <see cref="Laobao.Client.DeviceLinkStatuses"/>); expired is derived from the time.</summary>
    public required string Status { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public Guid? DeviceId { get; set; }
}

internal sealed class DeviceLinkTicketConfiguration : IEntityTypeConfiguration<DeviceLinkTicket>
{
    public void Configure(EntityTypeBuilder<DeviceLinkTicket> builder)
    {
        builder.ToTable("device_link_tickets");
        builder.HasKey(t => t.TicketHash);
        builder.Property(t => t.TicketHash).HasMaxLength(64);
        builder.Property(t => t.ManualCodeHash).HasMaxLength(64);
        builder.Property(t => t.PersonIdNumber).HasMaxLength(10);
        builder.HasIndex(t => t.ManualCodeHash);
        builder.HasIndex(t => new { t.PersonIdNumber, t.ExpiresAt });
    }
}

internal sealed class DeviceLinkAttemptConfiguration : IEntityTypeConfiguration<DeviceLinkAttempt>
{
    public void Configure(EntityTypeBuilder<DeviceLinkAttempt> builder)
    {
        builder.ToTable("device_link_attempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.PersonIdNumber).HasMaxLength(10);
        builder.Property(a => a.PublicKeySpki).HasMaxLength(256);
        builder.Property(a => a.DeviceName).HasMaxLength(64);
        builder.Property(a => a.Platform).HasMaxLength(32);
        builder.Property(a => a.MatchNumber).HasMaxLength(2);
        builder.Property(a => a.Choices).HasMaxLength(16);
        builder.Property(a => a.Status).HasMaxLength(16);
        builder.HasIndex(a => new { a.PersonIdNumber, a.CreatedAt });
    }
}
