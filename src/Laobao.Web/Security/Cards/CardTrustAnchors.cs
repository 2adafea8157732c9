using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Security.Cards;

/// <summary>
/// The configured roots and intermediates, read once at start. A missing or unreadable file stops the
/// host with a message naming the file, rather than silently trusting less (or more) than configured.
/// </summary>
public sealed class CardTrustAnchors : IDisposable
{
    public CardTrustAnchors(IOptions<CardTrustOptions> options, IHostEnvironment environment)
    {
        var value = options.Value;
        Roots = Load(value.Roots, environment.ContentRootPath);
        Intermediates = Load(value.Intermediates, environment.ContentRootPath);
        Policies = new HashSet<string>(value.Policies, StringComparer.Ordinal);
        FailClosed = value.FailClosed;
        RevocationTimeout = value.RevocationTimeout;
        if (Roots.Count == 0)
        {
            throw new InvalidOperationException("CardTrust:Roots names no certificate: card sign-in would trust nothing.");
        }
    }

    public X509Certificate2Collection Roots { get; }

    public X509Certificate2Collection Intermediates { get; }

    public IReadOnlySet<string> Policies { get; }

    public bool FailClosed { get; }

    public TimeSpan RevocationTimeout { get; }

    public void Dispose()
    {
        foreach (var certificate in Roots.Concat(Intermediates))
        {
            certificate.Dispose();
        }
    }

    private static X509Certificate2Collection Load(IEnumerable<string> files, string contentRoot)
    {
        var collection = new X509Certificate2Collection();
        foreach (var file in files)
        {
            // Relative names are looked up under the content root first, then beside the binaries (where config/trust is copied).
            var path = Path.IsPathRooted(file) ? file
                : File.Exists(Path.Combine(contentRoot, file)) ? Path.Combine(contentRoot, file)
                : Path.Combine(AppContext.BaseDirectory, file);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"CardTrust: certificate file '{path}' does not exist.");
            }

            try
            {
                // LoadCertificateFromFile reads PEM and DER alike and refuses PKCS#12, which must never hold a trust anchor.
                collection.Add(X509CertificateLoader.LoadCertificateFromFile(path));
            }
            catch (System.Security.Cryptography.CryptographicException exception)
            {
                throw new InvalidOperationException($"CardTrust: '{path}' is not a PEM or DER certificate: {exception.Message}", exception);
            }
        }

        return collection;
    }
}
