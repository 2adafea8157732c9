using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Laobao.Ops.Pki;

/// <summary>
/// A development document-signing CA and one signing certificate for statements (SPEC §10). Kept apart from the
/// card PKI: a statement's signature must never chain to the demo MOICA, and the web host reads only the PKCS#12.
/// </summary>
public sealed class DocumentSigningPki : IDisposable
{
    public const string CaCertificateFile = "document-ca.crt";
    public const string SignerPkcs12File = "document-signer.p12";
    public const string SignerCertificateFile = "document-signer.crt";

    private DocumentSigningPki(X509Certificate2 ca, X509Certificate2 signer)
    {
        Ca = ca;
        Signer = signer;
    }

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The signing certificate, with its private key.</summary>
    public X509Certificate2 Signer { get; }

    public static DocumentSigningPki Create(TimeProvider time, string organisation = "Laobao development")
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        now = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero);
        using var caKey = RSA.Create(3072);
        var caRequest = new CertificateRequest($"CN={organisation} document-signing CA, O={organisation}, C=TW", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));

        using var signerKey = RSA.Create(2048);
        var request = new CertificateRequest($"CN={organisation} statements, O={organisation}, C=TW", signerKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        // Document signing (1.3.6.1.4.1.311.10.3.12) and emailProtection: what Acrobat and NSS look for on a signer.
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.4.1.311.10.3.12"), new Oid("1.3.6.1.5.5.7.3.4")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(ca, now.AddDays(-1), now.AddYears(5), serial);
        var signer = issued.CopyWithPrivateKey(signerKey);
        return new DocumentSigningPki(ca, signer);
    }

    /// <summary>The signer and its CA as one PKCS#12 (what <c>Statements:SigningCertificate</c> points at).</summary>
    public byte[] ExportSigner(string password)
    {
        var collection = new X509Certificate2Collection { Signer, X509CertificateLoader.LoadCertificate(Ca.RawData) };
        return collection.Export(X509ContentType.Pkcs12, password)!;
    }

    /// <summary>Writes the CA, the signer certificate and the signer PKCS#12 to <paramref name="directory"/>.</summary>
    public IReadOnlyList<string> WriteTo(string directory, string password)
    {
        Directory.CreateDirectory(directory);
        var ca = Path.Combine(directory, CaCertificateFile);
        var p12 = Path.Combine(directory, SignerPkcs12File);
        var crt = Path.Combine(directory, SignerCertificateFile);
        File.WriteAllText(ca, Ca.ExportCertificatePem());
        File.WriteAllText(crt, Signer.ExportCertificatePem());
        File.WriteAllBytes(p12, ExportSigner(password));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(p12, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return [ca, crt, p12];
    }

    public void Dispose()
    {
        Ca.Dispose();
        Signer.Dispose();
    }
}
