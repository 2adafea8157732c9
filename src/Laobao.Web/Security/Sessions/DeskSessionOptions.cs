using System.ComponentModel.DataAnnotations;

namespace Laobao.Web.Security.Sessions;

/// <summary>E-desk session lifetimes (SPEC §8); section <c>DeskSession</c>.</summary>
public sealed class DeskSessionOptions
{
    public const string Section = "DeskSession";

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(15);

    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan AbsoluteTimeout { get; init; } = TimeSpan.FromHours(8);
}
