using System.ComponentModel.DataAnnotations;

namespace Laobao.Web.Security.RateLimiting;

/// <summary>
/// Failed card signatures allowed per person on the signed-in account pages; section <c>CardSignatureLimits</c>.
/// The window is <see cref="SignInLimitOptions.Window"/>: the counters share the <c>sign_in_failures</c> rows, which
/// the sign-in limiter purges by that window.
/// </summary>
public sealed class CardSignatureLimitOptions
{
    public const string Section = "CardSignatureLimits";

    [Range(1, int.MaxValue)]
    public int PerPerson { get; init; } = 5;
}
