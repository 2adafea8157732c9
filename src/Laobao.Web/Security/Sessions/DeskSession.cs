namespace Laobao.Web.Security.Sessions;

/// <summary>
/// A signed-in e-desk session, server side: the cookie carries only a random key, so signing out or expiring
/// here ends the session on every web node at once.
/// </summary>
public sealed class DeskSession
{
    /// <summary>SHA-256 (hex) of the key in the cookie.</summary>
    public required string KeyHash { get; set; }

    public required string PersonIdNumber { get; set; }

    /// <summary>The serialised authentication ticket (claims: ID number, name, masked ID).</summary>
    public required byte[] Ticket { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    /// <summary>Created + the absolute lifetime; activity never moves it.</summary>
    public DateTime AbsoluteExpiresAt { get; set; }
}
