namespace Laobao.Web.Features.Statements;

/// <summary>Section <c>Statements</c>: the signing key, the CA it chains to, the CJK font and how long a statement stays valid.</summary>
public sealed class StatementOptions
{
    public const string Section = "Statements";

    /// <summary>The Debian package fonts-arphic-bsmi00lp; PDFsharp 6 reads single TrueType files, not .ttc collections.</summary>
    public const string DefaultFontFile = "/usr/share/fonts/truetype/arphic-bsmi00lp/bsmi00lp.ttf";

    /// <summary>PKCS#12 (.p12/.pfx) with the signer's key and chain, or a PEM file with certificate and private key.</summary>
    public string? SigningCertificate { get; init; }

    /// <summary>Password of the PKCS#12 file or of an encrypted PEM key.</summary>
    public string? SigningCertificatePassword { get; init; }

    /// <summary>
    /// The PKCS#11 module (an HSM's library; <c>/usr/lib/softhsm/libsofthsm2.so</c> in development). When set, the
    /// signing key and its certificate are taken from the token instead of <see cref="SigningCertificate"/>.
    /// </summary>
    public string? Pkcs11Module { get; init; }

    /// <summary>The token's label (CKA token label); with <see cref="Pkcs11Slot"/> both must match.</summary>
    public string? Pkcs11Token { get; init; }

    /// <summary>The slot id, where the label alone does not pick the token.</summary>
    public ulong? Pkcs11Slot { get; init; }

    /// <summary>The token's user PIN (give it through the environment or a secret store, not a checked-in file).</summary>
    public string? Pkcs11Pin { get; init; }

    /// <summary>CKA_LABEL of the private key; empty: the first RSA key on the token that has a certificate with its CKA_ID.</summary>
    public string? Pkcs11KeyLabel { get; init; }

    /// <summary>PEM/DER of the document-signing CA; it travels in every signature so a verifier can build the chain.</summary>
    public string? CaCertificate { get; init; }

    public string FontFile { get; init; } = DefaultFontFile;

    /// <summary>SPEC §10: a statement expires 90 days after issue.</summary>
    public int ValidDays { get; init; } = 90;
}
