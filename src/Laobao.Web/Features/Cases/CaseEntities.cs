using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Features.Cases;

/// <summary>The states of a case (SPEC §12): received → in review → answered or corrected.</summary>
public static class CaseStatuses
{
    public const string Received = "received";
    public const string InReview = "in-review";
    public const string Answered = "answered";
    public const string Corrected = "corrected";

    public static IReadOnlyList<string> All { get; } = [Received, InReview, Answered, Corrected];

    public static bool IsOpen(string status) => status is Received or InReview;
}

/// <summary>
/// A problem a person reported about their record ("report a problem"): about a health finding, or any period or
/// month. <see cref="Number"/> is random, so one case number tells nothing about another; every read still checks that
/// the case is the reader's own (or that the reader is staff).
/// </summary>
public sealed class RecordCase
{
    public long Id { get; set; }

    /// <summary>Shown as LB-XXXX-XXXX (Crockford base32, 40 random bits).</summary>
    public required string Number { get; set; }

    public required string PersonIdNumber { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>A <see cref="CaseStatuses"/> word.</summary>
    public required string Status { get; set; }

    /// <summary>The health code it is about, or <c>period</c> / <c>month</c> when the person picked one themselves.</summary>
    public required string Topic { get; set; }

    public string? UnitCode { get; set; }

    /// <summary>First month concerned (its first day), when one was named.</summary>
    public DateOnly? FromMonth { get; set; }

    public DateOnly? ToMonth { get; set; }

    /// <summary>The person's words, stored as text and only ever shown HTML-encoded.</summary>
    public required string Comment { get; set; }

    /// <summary>Staff's answer, stored and shown the same way.</summary>
    public string? Answer { get; set; }
}

/// <summary>One step of a case's history: a status it reached, who moved it, when.</summary>
public sealed class CaseEvent
{
    public long Id { get; set; }

    public long CaseId { get; set; }

    public DateTime At { get; set; }

    public required string Status { get; set; }

    /// <summary><c>person</c> or <c>staff</c>; which staff member is in the audit trail, not shown to the person.</summary>
    public required string Actor { get; set; }

    public string? StaffIdNumber { get; set; }
}

internal sealed class RecordCaseConfiguration : IEntityTypeConfiguration<RecordCase>
{
    public void Configure(EntityTypeBuilder<RecordCase> builder)
    {
        builder.ToTable("record_cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Number).HasMaxLength(16);
        builder.Property(c => c.PersonIdNumber).HasMaxLength(10);
        builder.Property(c => c.Status).HasMaxLength(16);
        builder.Property(c => c.Topic).HasMaxLength(40);
        builder.Property(c => c.UnitCode).HasMaxLength(9);
        builder.Property(c => c.Comment).HasMaxLength(CaseLimits.CommentLength);
        builder.Property(c => c.Answer).HasMaxLength(CaseLimits.AnswerLength);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => c.PersonIdNumber);
        // The staff list: open cases oldest first, by status.
        builder.HasIndex(c => new { c.Status, c.CreatedAt });
    }
}

internal sealed class CaseEventConfiguration : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> builder)
    {
        builder.ToTable("record_case_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Status).HasMaxLength(16);
        builder.Property(e => e.Actor).HasMaxLength(8);
        builder.Property(e => e.StaffIdNumber).HasMaxLength(10);
        builder.HasIndex(e => e.CaseId);
        builder.HasOne<RecordCase>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public static class CaseLimits
{
    /// <summary>Characters of a comment; longer ones are refused with a sentence, not cut.</summary>
    public const int CommentLength = 2000;

    public const int AnswerLength = 4000;
}
