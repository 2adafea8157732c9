using System.ComponentModel.DataAnnotations;

namespace Laobao.Web.Mail;

public enum SmtpSecurity
{
    /// <summary>Plain SMTP; only for a relay on the same host or a test server on loopback.</summary>
    None,

    /// <summary>STARTTLS is required (submission port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>Section <c>Mail:Smtp</c>: the submission server. Leaving <see cref="Host"/> empty means "no SMTP".</summary>
public sealed class SmtpOptions
{
    public string Host { get; init; } = "";

    [Range(1, 65535)]
    public int Port { get; init; } = 587;

    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTls;

    /// <summary>Optional; with it the sender authenticates (after TLS, unless <see cref="Security"/> is None).</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);
}

/// <summary>
/// Section <c>Mail</c>. Either SMTP is configured, or <see cref="LocalMailbox"/> is on (demo only): then mail is
/// kept in the database and shown at /desk/mailbox. With neither, the host refuses to start.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public SmtpOptions Smtp { get; init; } = new();

    /// <summary>The From address, e.g. no-reply@laobao.example.tw.</summary>
    [Required]
    [EmailAddress]
    public string From { get; init; } = "no-reply@laobao.invalid";

    public string FromName { get; init; } = "勞保 e 化服務櫃台 Laobao e-desk";

    /// <summary>Demo only: keep mail in a local mailbox page instead of sending it.</summary>
    public bool LocalMailbox { get; init; }

    /// <summary>How often the sender looks for mail when nothing woke it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait after the first failed attempt; doubled each time up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>After this many failed attempts a message is set aside as failed and logged as an error.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; init; } = 100;

    [Range(1, 100)]
    public int BatchSize { get; init; } = 10;

    /// <summary>
    /// How long a node owns the messages it took. Must outlast a whole batch of SMTP timeouts, or another node
    /// could take a message still being sent (checked at start).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(5);

    public bool SmtpConfigured => !string.IsNullOrWhiteSpace(Smtp.Host);
}
