using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Features.Passkeys;

/// <summary>
/// A passkey (WebAuthn public-key credential, SPEC §11) registered by a person after a card sign-in. The private key
/// never leaves the authenticator; the server keeps the COSE public key and the signature counter it last saw.
/// </summary>
public sealed class PasskeyCredential
{
    public Guid Id { get; set; }

    public required string PersonIdNumber { get; set; }

    /// <summary>The credential id the authenticator chose (unique across the service).</summary>
    public required byte[] CredentialId { get; set; }

    /// <summary>The credential public key as COSE_Key bytes, read back by the WebAuthn library at each sign-in.</summary>
    public required byte[] PublicKey { get; set; }

    /// <summary>
    /// The WebAuthn user handle: random, one per person, never the ID number (the authenticator stores it beside the key
    /// and hands it back at a usernameless sign-in).
    /// </summary>
    public required byte[] UserHandle { get; set; }

    /// <summary>The last signature counter seen; a lower one later means a cloned authenticator.</summary>
    public long SignCount { get; set; }

    public Guid AaGuid { get; set; }

    /// <summary>The attestation statement format the authenticator sent (<c>none</c> by default).</summary>
    public required string AttestationFormat { get; set; }

    /// <summary>The person's own name for it ("my phone"), shown in the list.</summary>
    public required string Name { get; set; }

    /// <summary><c>desk</c> (registered on the e-desk) or <c>app</c> (a platform passkey of a linked phone).</summary>
    public required string Kind { get; set; }

    /// <summary>For an app passkey: the linked device it is bound to; the device-key signature is still needed.</summary>
    public Guid? DeviceId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}

/// <summary>
/// One WebAuthn ceremony in progress: the options the server sent (with their challenge), single use, 5 minutes, bound
/// to the browser session (or the device) that asked. In the database, like the card challenges, so any node finishes it.
/// </summary>
public sealed class PasskeyCeremony
{
    /// <summary>SHA-256 (hex) of the ceremony id handed to the page.</summary>
    public required string IdHash { get; set; }

    /// <summary>SHA-256 (hex) of the browser-binding cookie (or the device binding) of whoever started it.</summary>
    public required string BindingHash { get; set; }

    /// <summary>What it is for (<see cref="PasskeyPurposes"/>): options for a sign-in cannot finish a registration.</summary>
    public required string Purpose { get; set; }

    /// <summary>The person a registration is for (from the card session); null for a usernameless sign-in.</summary>
    public string? PersonIdNumber { get; set; }

    /// <summary>The options as the WebAuthn library serialised them; the challenge inside is checked against the response.</summary>
    public required string OptionsJson { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? ConsumedAt { get; set; }
}

public static class PasskeyPurposes
{
    public const string DeskRegister = "passkey-register";
    public const string DeskSignIn = "passkey-login";
    public const string AppRegister = "app-passkey-register";
    public const string AppSignIn = "app-passkey-login";
}

public static class PasskeyKinds
{
    public const string Desk = "desk";
    public const string App = "app";
}

internal sealed class PasskeyCredentialConfiguration : IEntityTypeConfiguration<PasskeyCredential>
{
    public void Configure(EntityTypeBuilder<PasskeyCredential> builder)
    {
        builder.ToTable("passkey_credentials");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.PersonIdNumber).HasMaxLength(10);
        builder.Property(p => p.CredentialId).HasMaxLength(1023);
        builder.Property(p => p.UserHandle).HasMaxLength(64);
        builder.Property(p => p.AttestationFormat).HasMaxLength(32);
        builder.Property(p => p.Name).HasMaxLength(64);
        builder.Property(p => p.Kind).HasMaxLength(8);
        builder.HasIndex(p => p.CredentialId).IsUnique();
        builder.HasIndex(p => p.PersonIdNumber);
    }
}

internal sealed class PasskeyCeremonyConfiguration : IEntityTypeConfiguration<PasskeyCeremony>
{
    public void Configure(EntityTypeBuilder<PasskeyCeremony> builder)
    {
        builder.ToTable("passkey_ceremonies");
        builder.HasKey(c => c.IdHash);
        builder.Property(c => c.IdHash).HasMaxLength(64);
        builder.Property(c => c.BindingHash).HasMaxLength(64);
        builder.Property(c => c.Purpose).HasMaxLength(32);
        builder.Property(c => c.PersonIdNumber).HasMaxLength(10);
        builder.HasIndex(c => c.ExpiresAt);
    }
}
