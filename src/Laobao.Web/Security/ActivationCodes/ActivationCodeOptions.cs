using System.ComponentModel.DataAnnotations;

namespace Laobao.Web.Security.ActivationCodes;

/// <summary>Section <c>ActivationCodes</c>. The SPEC fixes lifetime and tries; the resend limits are ours.</summary>
public sealed class ActivationCodeOptions
{
    public const string Section = "ActivationCodes";

    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(10);

    [Range(1, 20)]
    public int MaxFailedAttempts { get; init; } = 5;

    /// <summary>A new code may be asked for this long after the last one at the earliest.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ResendInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>At most this many codes per account and purpose in <see cref="ResendWindow"/> (the first one counts).</summary>
    [Range(1, 100)]
    public int MaxCodesPerWindow { get; init; } = 5;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ResendWindow { get; init; } = TimeSpan.FromHours(1);
}
