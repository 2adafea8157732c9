namespace Laobao.Web.Security.DeviceKeys;

/// <summary>A phone linked to a person (認證裝置): its public key signs every sign-in and refresh.</summary>
public sealed class LinkedDevice
{
    public Guid Id { get; set; }

    public required string PersonIdNumber { get; set; }

    /// <summary>SubjectPublicKeyInfo of the device's ECDSA P-256 key.</summary>
    public required byte[] PublicKeySpki { get; set; }

    public required string Name { get; set; }

    public required string Platform { get; set; }

    public DateTime LinkedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    /// <summary>Set when unlinked from either side; the row stays for the activity history.</summary>
    public DateTime? UnlinkedAt { get; set; }
}
