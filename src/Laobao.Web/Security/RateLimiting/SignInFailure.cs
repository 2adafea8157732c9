namespace Laobao.Web.Security.RateLimiting;

/// <summary>One failed sign-in counted against one key (an ID number or a client address), stored as a hash.</summary>
public sealed class SignInFailure
{
    public long Id { get; set; }

    /// <summary>SHA-256 (hex) of "id:&lt;ID number&gt;" or "ip:&lt;address&gt;" (sign-in), or "card-signature:&lt;ID number&gt;" (account pages).</summary>
    public required string KeyHash { get; set; }

    public DateTime At { get; set; }
}
