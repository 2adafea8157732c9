using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Features.MobileAccount;

public enum MobileAccountStatus
{
    PendingActivation,
    Active,
    Closed,
}

/// <summary>
/// A person's mobile services account (SPEC §5). At most one open account per person and one per email: both
/// are unique indexes over the rows that are not closed, so even two nodes racing cannot make a second one.
/// </summary>
public sealed class MobileAccount
{
    public Guid Id { get; set; }

    public required string PersonIdNumber { get; set; }

    /// <summary>Trimmed and lower-cased, so Amy@Example.tw and amy@example.tw are one account.</summary>
    public required string Email { get; set; }

    /// <summary>Domestic form 09XXXXXXXX, or null.</summary>
    public string? Mobile { get; set; }

    /// <summary>PHC string with its own parameters (<see cref="Security.Passwords.PasswordHash"/>).</summary>
    public required string PasswordHash { get; set; }

    public MobileAccountStatus Status { get; set; }

    public required string TermsVersion { get; set; }

    public DateTime TermsAcceptedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ActivatedAt { get; set; }

    public DateTime? PasswordChangedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>The exact text the card signed for the application (SPEC §4.2).</summary>
    public required string ApplicationText { get; set; }

    /// <summary>The card's CMS SignedData over <see cref="ApplicationText"/>, base64, kept as evidence.</summary>
    public required string ApplicationSignature { get; set; }
}

/// <summary>One acceptance of one version of the terms, kept for good (SPEC §5: version and time).</summary>
public sealed class TermsAcceptance
{
    public long Id { get; set; }

    public required string PersonIdNumber { get; set; }

    public required string Version { get; set; }

    public DateTime AcceptedAt { get; set; }
}

internal sealed class MobileAccountConfiguration : IEntityTypeConfiguration<MobileAccount>
{
    // Both providers quote identifiers the same way and store the enum as its name.
    private const string OpenOnly = "status <> 'Closed'";

    public void Configure(EntityTypeBuilder<MobileAccount> builder)
    {
        builder.ToTable("mobile_accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.PersonIdNumber).HasMaxLength(10);
        builder.Property(a => a.Email).HasMaxLength(254);
        builder.Property(a => a.Mobile).HasMaxLength(10);
        builder.Property(a => a.PasswordHash).HasMaxLength(200);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.TermsVersion).HasMaxLength(20);
        builder.Property(a => a.ApplicationText).HasMaxLength(1000);
        builder.HasIndex(a => a.PersonIdNumber).IsUnique().HasFilter(OpenOnly).HasDatabaseName("ux_mobile_accounts_open_person");
        builder.HasIndex(a => a.Email).IsUnique().HasFilter(OpenOnly).HasDatabaseName("ux_mobile_accounts_open_email");
    }
}

internal sealed class TermsAcceptanceConfiguration : IEntityTypeConfiguration<TermsAcceptance>
{
    public void Configure(EntityTypeBuilder<TermsAcceptance> builder)
    {
        builder.ToTable("account_terms_acceptances");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.PersonIdNumber).HasMaxLength(10);
        builder.Property(t => t.Version).HasMaxLength(20);
        builder.HasIndex(t => new { t.PersonIdNumber, t.Version });
    }
}
