namespace Laobao.Web.Security.Challenges;

/// <summary>
/// A single-use nonce handed out for one signature. Kept in the database so any web node behind the load
/// balancer can redeem it; only hashes of the nonce and of the browser binding are stored.
/// </summary>
public sealed class SignChallenge
{
    /// <summary>SHA-256 (hex) of the nonce text.</summary>
    public required string NonceHash { get; set; }

    /// <summary>SHA-256 (hex) of the browser-binding cookie of the session that asked for it.</summary>
    public required string BindingHash { get; set; }

    /// <summary>What the signature is for (<see cref="ChallengePurposes"/>): a login nonce cannot approve an application.</summary>
    public required string Purpose { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>Set at the first redemption attempt, successful or not: a nonce is never tried twice.</summary>
    public DateTime? ConsumedAt { get; set; }
}

public static class ChallengePurposes
{
    public const string CardLogin = "card-login";
    public const string AccountApplication = "account-application";
}
