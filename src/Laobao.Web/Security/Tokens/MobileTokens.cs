namespace Laobao.Web.Security.Tokens;

/// <summary>An opaque access token (SPEC §7), stored only as its SHA-256; good for ten minutes.</summary>
public sealed class MobileAccessToken
{
    public required string TokenHash { get; set; }

    /// <summary>The refresh family (one sign-in) the token belongs to: revoking the family ends it.</summary>
    public Guid FamilyId { get; set; }

    public Guid DeviceId { get; set; }

    public required string PersonIdNumber { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

/// <summary>
/// One refresh token of a family. Each use rotates it: the row is marked used and a successor issued.
/// Presenting a used token again means it was copied, so the whole family is revoked.
/// </summary>
public sealed class MobileRefreshToken
{
    public required string TokenHash { get; set; }

    public Guid FamilyId { get; set; }

    public Guid DeviceId { get; set; }

    public required string PersonIdNumber { get; set; }

    public DateTime IssuedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}
