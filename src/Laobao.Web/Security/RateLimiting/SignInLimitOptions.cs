using System.ComponentModel.DataAnnotations;

namespace Laobao.Web.Security.RateLimiting;

/// <summary>Failed sign-ins allowed per window (SPEC §4.3 defaults); section <c>SignInLimits</c>.</summary>
public sealed class SignInLimitOptions
{
    public const string Section = "SignInLimits";

    [Range(1, int.MaxValue)]
    public int PerIdNumber { get; init; } = 10;

    [Range(1, int.MaxValue)]
    public int PerClientAddress { get; init; } = 100;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(15);
}
