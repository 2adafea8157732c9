using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using PdfSharp.Pdf.Signatures;

namespace Laobao.Web.Features.Statements;

/// <summary>
/// Signs statements with the service's document-signing key: a detached CMS (adbe.pkcs7.detached, SHA-256) that
/// carries the signer and its CA so pdfsig and Acrobat can build the chain. The key is loaded once, from a PKCS#11
/// token when <see cref="StatementOptions.Pkcs11Module"/> is set (the key stays on the token), else from the file
/// <see cref="StatementOptions.SigningCertificate"/>; without one, issuing says so clearly instead of making an unsigned PDF.
/// </summary>
public sealed class StatementSigner : IDisposable
{
    // Room for the CMS: the chain (two certificates, ~2.5 kB DER), the signature and the signed attributes.
    private const int SignatureSize = 12 * 1024;
    private readonly Lock gate = new();
    private readonly StatementOptions? options;
    private SigningKey? loaded;

    public StatementSigner(IOptions<StatementOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
    }

    private StatementSigner(X509Certificate2 certificate, X509Certificate2Collection chain) =>
        loaded = new SigningKey(certificate, chain, null, null);

    /// <summary>A signer over a certificate already in hand (ops command, tests, benchmarks).</summary>
    public static StatementSigner For(X509Certificate2 certificate, X509Certificate2Collection chain) => new(certificate, chain);

    public X509Certificate2 Certificate => Key().Certificate;

    public IDigitalSigner CreateDigitalSigner(TimeProvider time) => new CmsDigitalSigner(Key(), time);

    public void Dispose()
    {
        lock (gate)
        {
            loaded?.Key?.Dispose();
            loaded?.Certificate.Dispose();
            loaded?.Token?.Dispose();
            loaded = null;
        }
    }

    // Loaded on first use and kept; a failure is not kept, so a token plugged in or a file put in place later is picked up.
    private SigningKey Key()
    {
        lock (gate)
        {
            return loaded ??= SigningKey.Load(options!);
        }
    }

    /// <summary>The certificate and chain; <see cref="Key"/> is set when the private key is on a token, else it is in the certificate.</summary>
    private sealed record SigningKey(X509Certificate2 Certificate, X509Certificate2Collection Chain, RSA? Key, Pkcs11StatementKey? Token)
    {
        public static SigningKey Load(StatementOptions options)
        {
            if (!string.IsNullOrWhiteSpace(options.Pkcs11Module))
            {
                return FromToken(options);
            }

            if (string.IsNullOrWhiteSpace(options.SigningCertificate))
            {
                throw new StatementSigningUnavailableException(
                    "Statements:SigningCertificate is not configured (make a development one with: laobao pki document-signer)");
            }

            if (!File.Exists(options.SigningCertificate))
            {
                throw new StatementSigningUnavailableException($"Statements:SigningCertificate {options.SigningCertificate} does not exist");
            }

            X509Certificate2 certificate;
            var chain = new X509Certificate2Collection();
            var path = options.SigningCertificate;
            if (path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase))
            {
                certificate = string.IsNullOrEmpty(options.SigningCertificatePassword)
                    ? X509Certificate2.CreateFromPemFile(path)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, options.SigningCertificatePassword);
            }
            else
            {
                var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, options.SigningCertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
                certificate = all.FirstOrDefault(c => c.HasPrivateKey)
                    ?? throw new StatementSigningUnavailableException($"{path} holds no private key");
                foreach (var other in all.Where(c => !ReferenceEquals(c, certificate)))
                {
                    chain.Add(other);
                }
            }

            if (!certificate.HasPrivateKey)
            {
                throw new StatementSigningUnavailableException($"{path} holds no private key");
            }

            AddCa(chain, options);
            return new SigningKey(certificate, chain, null, null);
        }

        private static SigningKey FromToken(StatementOptions options)
        {
            var token = Pkcs11StatementKey.Open(options);
            try
            {
                var chain = new X509Certificate2Collection();
                chain.AddRange(token.OtherCertificates);
                AddCa(chain, options);
                return new SigningKey(X509CertificateLoader.LoadCertificate(token.Certificate.RawData), chain, token.CreateRsa(), token);
            }
            catch
            {
                token.Dispose();
                throw;
            }
        }

        private static void AddCa(X509Certificate2Collection chain, StatementOptions options)
        {
            if (options.CaCertificate is { Length: > 0 } caPath)
            {
                var ca = X509CertificateLoader.LoadCertificateFromFile(caPath);
                if (!chain.Cast<X509Certificate2>().Any(c => c.Thumbprint == ca.Thumbprint))
                {
                    chain.Add(ca);
                }
            }
        }
    }

    private sealed class CmsDigitalSigner(SigningKey key, TimeProvider time) : IDigitalSigner
    {
        public string CertificateName => key.Certificate.GetNameInfo(X509NameType.SimpleName, false);

        public Task<int> GetSignatureSizeAsync() => Task.FromResult(SignatureSize);

        public async Task<byte[]> GetSignatureAsync(Stream stream)
        {
            // PDFsharp's ranged stream (the file minus the signature hole) reads the signed ranges in one call when
            // asked for exactly its length from the start; any other read walks it byte by byte.
            var signed = new byte[stream.Length];
            stream.Position = 0;
            var read = await stream.ReadAsync(signed.AsMemory(0, signed.Length)).ConfigureAwait(false);
            if (read != signed.Length)
            {
                throw new InvalidOperationException($"read {read} of the {signed.Length} bytes to sign");
            }

            var content = new ContentInfo(signed);
            var cms = new SignedCms(content, detached: true);
            var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, key.Certificate, key.Key)
            {
                DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
                IncludeOption = X509IncludeOption.EndCertOnly,
            };
            signer.Certificates.AddRange(key.Chain);
            signer.SignedAttributes.Add(new Pkcs9SigningTime(time.GetUtcNow().UtcDateTime));
            cms.ComputeSignature(signer, silent: true);
            return cms.Encode();
        }
    }
}

/// <summary>No signing key: statements cannot be issued (they are never handed out unsigned).</summary>
public sealed class StatementSigningUnavailableException(string message) : InvalidOperationException(message);
