using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Laobao.Web.Security.Sessions;

/// <summary>
/// The Data Protection keys (which sign the e-desk's session and antiforgery cookies) live in the database for
/// every node to share; they are encrypted there with an RSA certificate of the operator's, so a copy of the
/// database alone forges no cookie. Production refuses to start without one; the demo makes its own.
/// </summary>
public static class DataProtectionKeyEncryption
{
    public const string Section = "DataProtection";
    public const string CertificatePathKey = Section + ":CertificatePath";
    public const string CertificatePasswordKey = Section + ":CertificatePassword";
    public const string KeyPathKey = Section + ":KeyPath";

    public static WebApplicationBuilder AddDataProtectionKeyEncryption(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Environment.IsEnvironment("Demo") && builder.Configuration[CertificatePathKey] is { Length: > 0 } demoPath && !File.Exists(demoPath))
        {
            CreateDemoCertificate(demoPath);
        }

        var certificate = Load(builder.Configuration, builder.Environment.IsProduction());
        if (certificate is not null)
        {
            // Unprotect with the certificate in hand too: on Linux there is no certificate store to look it up in.
            builder.Services.AddDataProtection().ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return builder;
    }

    /// <summary>
    /// The demo (./demo.sh names a file in its state folder) makes its own self-signed certificate on first start,
    /// so its keys are encrypted at rest like a real deployment's; an operator brings theirs.
    /// </summary>
    public static void CreateDemoCertificate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=Laobao demo Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(10));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>
    /// The configured certificate with its private key: a PKCS#12 file (.pfx/.p12, with
    /// <c>DataProtection:CertificatePassword</c>), or a PEM certificate with its key in the same file or in
    /// <c>DataProtection:KeyPath</c>. Null when none is configured and <paramref name="required"/> is false.
    /// </summary>
    public static X509Certificate2? Load(IConfiguration configuration, bool required)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration[CertificatePathKey];
        if (string.IsNullOrWhiteSpace(path))
        {
            return required
                ? throw new InvalidOperationException($"{CertificatePathKey} is required in Production: the Data Protection keys stored in the database are encrypted with that certificate (PKCS#12 or PEM with an RSA key; see docs/operator-guide.md).")
                : null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{CertificatePathKey}: the file {path} does not exist.");
        }

        var password = configuration[CertificatePasswordKey];
        X509Certificate2 certificate;
        try
        {
            var extension = Path.GetExtension(path);
            if (extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase))
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            }
            else
            {
                var keyPath = configuration[KeyPathKey] is { Length: > 0 } key ? key : path;
                certificate = string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(path, keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
            }
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{CertificatePathKey}: {path} could not be read as a certificate with its private key ({e.Message}).", e);
        }

        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{CertificatePathKey}: {path} must hold an RSA certificate with its private key (the keys are encrypted with RSA-OAEP).");
        }

        return certificate;
    }
}
