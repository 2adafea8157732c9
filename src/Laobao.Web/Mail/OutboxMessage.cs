using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Mail;

/// <summary>
/// One mail to send, written in the same transaction as the change that causes it, so the change and its mail
/// stand or fall together. The template's values (an activation code, say) are encrypted with Data Protection
/// and wiped once the mail is delivered.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>Random; becomes the Message-ID, so a receiver can tell a repeat if a node dies mid-send.</summary>
    public required string MessageKey { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string ToAddress { get; set; }

    /// <summary>A <see cref="MailTemplate"/> name.</summary>
    public required string Template { get; set; }

    /// <summary>The person's language at the time (zh-TW or en); it goes first in the bilingual mail.</summary>
    public required string Language { get; set; }

    /// <summary>Protected JSON of the template values; empty once sent.</summary>
    public required string Payload { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    /// <summary>The claim token of the node sending it now; with <see cref="LeaseUntil"/>, a lease any node honours.</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>Set when <see cref="MailOptions.MaxAttempts"/> ran out; an operator looks at these.</summary>
    public DateTime? FailedAt { get; set; }

    /// <summary>The kind of the last failure (exception type and SMTP status), never an address.</summary>
    public string? LastError { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("mail_outbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.MessageKey).HasMaxLength(64);
        builder.Property(m => m.ToAddress).HasMaxLength(320);
        builder.Property(m => m.Template).HasMaxLength(40);
        builder.Property(m => m.Language).HasMaxLength(8);
        builder.Property(m => m.LeaseOwner).HasMaxLength(64);
        builder.Property(m => m.LastError).HasMaxLength(300);
        builder.HasIndex(m => m.MessageKey).IsUnique();
        // The sender's scan: unsent, due, by id.
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}

/// <summary>Demo only: a delivered mail kept for the local mailbox page when no SMTP server is configured.</summary>
public sealed class MailboxMessage
{
    public long Id { get; set; }

    public long OutboxId { get; set; }

    public DateTime DeliveredAt { get; set; }

    public required string ToAddress { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }
}

internal sealed class MailboxMessageConfiguration : IEntityTypeConfiguration<MailboxMessage>
{
    public void Configure(EntityTypeBuilder<MailboxMessage> builder)
    {
        builder.ToTable("mail_local_mailbox");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.ToAddress).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(300);
        // Delivery is idempotent per outbox row.
        builder.HasIndex(m => m.OutboxId).IsUnique();
    }
}
