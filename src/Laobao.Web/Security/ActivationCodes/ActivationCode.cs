using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Security.ActivationCodes;

/// <summary>
/// An 8-digit code sent by mail (SPEC §5): 10 minutes, single use, void after 5 wrong tries. Only a salted
/// SHA-256 of it is stored; the short life and the try limit are what make 10^8 codes enough.
/// </summary>
public sealed class ActivationCode
{
    public long Id { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>What confirming it does: <see cref="ActivationPurposes"/>.</summary>
    public required string Purpose { get; set; }

    /// <summary>For an email change: the address the code was sent to and that becomes the account's.</summary>
    public string? TargetEmail { get; set; }

    public required byte[] Salt { get; set; }

    public required byte[] CodeHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public int FailedAttempts { get; set; }

    public DateTime? ConsumedAt { get; set; }

    /// <summary>Set when tries ran out or a newer code replaced it.</summary>
    public DateTime? VoidedAt { get; set; }
}

public static class ActivationPurposes
{
    public const string Activate = "activate";
    public const string ChangeEmail = "change-email";
}

internal sealed class ActivationCodeConfiguration : IEntityTypeConfiguration<ActivationCode>
{
    public void Configure(EntityTypeBuilder<ActivationCode> builder)
    {
        builder.ToTable("activation_codes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Purpose).HasMaxLength(16);
        builder.Property(c => c.TargetEmail).HasMaxLength(320);
        builder.Property(c => c.Salt).HasMaxLength(16);
        builder.Property(c => c.CodeHash).HasMaxLength(32);
        builder.HasIndex(c => new { c.AccountId, c.Purpose, c.CreatedAt });
    }
}
