using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Laobao.CardBridge.Protocol;
using Microsoft.Extensions.Options;

namespace Laobao.CardBridge.Cards;

/// <summary>
/// Demo cards: each <c>*.p12</c> / <c>*.pfx</c> file in a folder is one card in its own "reader", its
/// password the PIN (as <c>laobao pki issue-card --p12</c> writes them). Certificates stored unencrypted
/// are listed without the PIN, like a real card's. Never for real use: the key is only as safe as the file.
/// </summary>
public sealed class Pkcs12CardBackend(IOptions<CardBridgeOptions> options, PinGuard guard) : ICardBackend
{
    private readonly string folder = options.Value.Pkcs12Folder ?? string.Empty;

    public CardInventory List(bool withCertificates)
    {
        var slots = Files().Select((path, index) =>
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var certificates = withCertificates ? ListedCertificates(path) : null;
            return new CardSlot(Description(path), (ulong)index, new CardToken(name, name, "PKCS#12 file", certificates));
        }).ToList();
        return new CardInventory("Laobao demo cards (PKCS#12 files)", "1.0", slots);
    }

    public CardSignature Sign(string? slotDescription, string pin, Func<X509Certificate2, RSA, byte[]> sign)
    {
        ArgumentNullException.ThrowIfNull(sign);
        var path = Choose(slotDescription, pin);
        var serial = Path.GetFileNameWithoutExtension(path);
        guard.ThrowIfLocked(serial);

        var bytes = File.ReadAllBytes(path);
        if (!MacMatches(bytes, pin))
        {
            throw guard.WrongPin(serial);
        }

        guard.RightPin(serial);
        X509Certificate2Collection collection;
        try
        {
            collection = X509CertificateLoader.LoadPkcs12Collection(bytes, pin);
        }
        catch (CryptographicException)
        {
            throw new CardException(HiPkiRetCodes.KeyNotFound, "the demo card file cannot be opened");
        }

        var certificate = collection.FirstOrDefault(c => c.HasPrivateKey && CertificateDescription.IsSigning(c))
            ?? throw new CardException(HiPkiRetCodes.CertificateNotFound, "the demo card holds no signing (digitalSignature) certificate with its key");
        using var key = certificate.GetRSAPrivateKey() ?? throw new CardException(HiPkiRetCodes.KeyNotFound, "the demo card's key is not RSA");
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        return new CardSignature(sign(publicOnly, key), X509CertificateLoader.LoadCertificate(certificate.RawData), serial);
    }

    /// <summary>
    /// The named reader's card; with no reader named, the first card — or, when several demo cards are "inserted"
    /// at once (the demo's folder of people), the one this PIN opens, so each demo person signs with their own card
    /// without the page naming a reader. A PIN that opens none counts against the first card, as before.
    /// </summary>
    private string Choose(string? slotDescription, string pin)
    {
        var files = Files().ToList();
        if (slotDescription is not null)
        {
            return files.FirstOrDefault(p => Description(p) == slotDescription.Trim())
                ?? throw new CardException(HiPkiRetCodes.NoCard, $"no card is in reader '{slotDescription}'");
        }

        if (files.Count == 0)
        {
            throw new CardException(HiPkiRetCodes.NoCard, "no demo card file is in the folder");
        }

        return files.Count == 1
            ? files[0]
            : files.FirstOrDefault(p => !guard.IsLocked(Path.GetFileNameWithoutExtension(p)) && MacMatches(File.ReadAllBytes(p), pin)) ?? files[0];
    }

    private IEnumerable<string> Files() =>
        Directory.EnumerateFiles(folder)
            .Where(p => p.EndsWith(".p12", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    private static string Description(string path) => "PKCS#12 " + Path.GetFileName(path);

    private static bool MacMatches(byte[] bytes, string pin)
    {
        try
        {
            var info = Pkcs12Info.Decode(bytes, out _, skipCopy: true);
            return info.IntegrityMode != Pkcs12IntegrityMode.Password || info.VerifyMac(pin);
        }
        catch (CryptographicException)
        {
            throw new CardException(HiPkiRetCodes.KeyNotFound, "the demo card file is not PKCS#12");
        }
    }

    private static List<CardCertificate> ListedCertificates(string path)
    {
        var result = new List<CardCertificate>();
        try
        {
            var info = Pkcs12Info.Decode(File.ReadAllBytes(path), out _);
            foreach (var contents in info.AuthenticatedSafe.Where(c => c.ConfidentialityMode == Pkcs12ConfidentialityMode.None))
            {
                foreach (var bag in contents.GetBags().OfType<Pkcs12CertBag>().Where(b => b.IsX509Certificate))
                {
                    var certificate = bag.GetCertificate();
                    var label = CertificateDescription.IsSigning(certificate) ? "signature" : "CA";
                    result.Add(new CardCertificate(label, certificate));
                }
            }
        }
        catch (CryptographicException)
        {
            // An unreadable file is still a "card"; it shows no certificates.
        }

        return result;
    }
}
