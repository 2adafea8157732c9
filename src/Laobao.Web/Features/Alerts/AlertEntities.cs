using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Features.Alerts;

/// <summary>What an import changed in a record; bits, so one day's alerts coalesce with a bitwise OR.</summary>
[Flags]
public enum AlertChanges
{
    None = 0,
    Enrolled = 1,
    Withdrawn = 2,
    SalaryChanged = 4,
    PensionMonthMissing = 8,
}

/// <summary>
/// One person's alerts of one day (SPEC §12), coalesced: every import that changes the record that day ORs its
/// changes into the one row. The notice shows until the person has seen it; the mail goes once, at the sender's rate.
/// </summary>
public sealed class RecordAlert
{
    public required string IdNumber { get; set; }

    /// <summary>The day in Taiwan the changes were imported.</summary>
    public DateOnly Day { get; set; }

    public int Changes { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Null until the alert mail went into the outbox (or was found not to be wanted).</summary>
    public DateTime? MailedAt { get; set; }

    /// <summary>Null while the notice is new.</summary>
    public DateTime? SeenAt { get; set; }
}

/// <summary>A person's choice about alert mail; no row means the default: on for activated accounts.</summary>
public sealed class AlertPreference
{
    public required string IdNumber { get; set; }

    public bool MailAlerts { get; set; }

    public DateTime ChangedAt { get; set; }
}

internal sealed class RecordAlertConfiguration : IEntityTypeConfiguration<RecordAlert>
{
    public void Configure(EntityTypeBuilder<RecordAlert> builder)
    {
        builder.ToTable("record_alerts");
        builder.HasKey(a => new { a.IdNumber, a.Day });
        builder.Property(a => a.IdNumber).HasMaxLength(10);
        // The mail sender's scan: not mailed yet, oldest first.
        builder.HasIndex(a => new { a.MailedAt, a.UpdatedAt });
    }
}

internal sealed class AlertPreferenceConfiguration : IEntityTypeConfiguration<AlertPreference>
{
    public void Configure(EntityTypeBuilder<AlertPreference> builder)
    {
        builder.ToTable("alert_preferences");
        builder.HasKey(p => p.IdNumber);
        builder.Property(p => p.IdNumber).HasMaxLength(10);
    }
}
