using System.ComponentModel.DataAnnotations;

namespace Laobao.Web.Features.Alerts;

/// <summary>Section <c>Alerts</c>: how record alert mail leaves (SPEC §12).</summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    /// <summary>
    /// Alert mails put into the outbox per minute, across every node: an import touching a million people drains over
    /// hours instead of flooding the mail server. The sender never queues more than this in any 60 seconds.
    /// </summary>
    [Range(1, 100_000)]
    public int MailsPerMinute { get; init; } = 600;

    /// <summary>How long an alert waits after its last change before it is mailed, so that related files imported together make one mail.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MailDelay { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the sender looks for alerts to mail.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Set to false to never mail alerts (notices still show).</summary>
    public bool Mail { get; init; } = true;
}
