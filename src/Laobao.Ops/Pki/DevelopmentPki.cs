using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Laobao.Ops.Pki;

/// <summary>
/// A development PKI: a demo root and a demo "MOICA" intermediate (same issuer name as the real
/// 內政部憑證管理中心, another key) that mint card certificates of the MOICA profile, revoke them and
/// publish CRLs. Used by <c>laobao pki</c> and by tests that need real certificates. Kept in memory
/// (<see cref="Create"/>) or in a state folder (<see cref="Init"/>, <see cref="Load"/>), where every
/// change is written at once.
/// </summary>
public sealed class DevelopmentPki : IDisposable
{
    private const int KeySize = 2048;
    private readonly TimeProvider time;
    private readonly List<RevokedSerial> revoked;
    private readonly HashSet<string> issued;
    private long nextCrlNumber;

    private DevelopmentPki(
        X509Certificate2 root,
        X509Certificate2 intermediate,
        DevelopmentPkiSettings settings,
        TimeProvider time,
        string? directory,
        IEnumerable<RevokedSerial> revoked,
        IEnumerable<string> issued,
        long nextCrlNumber)
    {
        Root = root;
        Intermediate = intermediate;
        Settings = settings;
        this.time = time;
        Directory = directory;
        this.revoked = [.. revoked];
        this.issued = new HashSet<string>(issued, StringComparer.Ordinal);
        this.nextCrlNumber = nextCrlNumber;
    }

    /// <summary>The demo root certificate, with its private key.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The demo MOICA intermediate certificate, with its private key.</summary>
    public X509Certificate2 Intermediate { get; }

    public DevelopmentPkiSettings Settings { get; }

    /// <summary>The state folder, or null for an in-memory PKI.</summary>
    public string? Directory { get; }

    public IReadOnlyList<RevokedSerial> Revoked => revoked;

    /// <summary>Serial numbers (upper-case hex) of every card certificate this PKI has issued.</summary>
    public IReadOnlyCollection<string> Issued => issued;

    /// <summary>A new PKI kept only in memory (tests).</summary>
    public static DevelopmentPki Create(DevelopmentPkiSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        var now = Truncate(time.GetUtcNow());

        // Wide CA validity so tests can mint card certificates dated years in the past or future.
        var (root, intermediate) = CreateAuthorities(settings, now.AddYears(-10), now.AddYears(25));
        return new DevelopmentPki(root, intermediate, settings, time, directory: null, [], [], nextCrlNumber: 1);
    }

    /// <summary>A new PKI written to <paramref name="directory"/>; refuses a folder that already holds one.</summary>
    public static DevelopmentPki Init(string directory, DevelopmentPkiSettings settings, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (DevelopmentPkiStore.Exists(directory))
        {
            throw new PkiException($"'{directory}' already holds a development PKI; use another --dir or delete it first");
        }

        var memory = Create(settings, time);
        var pki = new DevelopmentPki(memory.Root, memory.Intermediate, settings, time, Path.GetFullPath(directory), [], [], 1);
        DevelopmentPkiStore.SaveAuthorities(pki.Directory!, pki.Root, pki.Intermediate, settings);
        pki.SaveState();
        return pki;
    }

    /// <summary>The PKI kept in <paramref name="directory"/>.</summary>
    public static DevelopmentPki Load(string directory, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(time);
        var stored = DevelopmentPkiStore.Load(directory);
        return new DevelopmentPki(
            stored.Root, stored.Intermediate, stored.Settings, time, Path.GetFullPath(directory), stored.Revoked, stored.Issued, stored.NextCrlNumber);
    }

    /// <summary>Issues a card certificate; the result carries the holder's private key.</summary>
    public X509Certificate2 IssueCard(CardCertificateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subjectSerial = request.SubjectSerialNumber ?? RandomDigits(16);
        var lastFour = request.LastFour ?? LastFourOf(request.IdNumber);
        var notBefore = Truncate(request.NotBefore ?? time.GetUtcNow().AddMinutes(-1));
        var notAfter = Truncate(request.NotAfter ?? notBefore.AddYears(8));
        if (notAfter <= notBefore)
        {
            throw new PkiException("the certificate must end after it starts (--not-after is not later than --not-before)");
        }

        if (notBefore < Intermediate.NotBefore.ToUniversalTime() || notAfter > Intermediate.NotAfter.ToUniversalTime())
        {
            throw new PkiException(string.Create(
                CultureInfo.InvariantCulture,
                $"the validity {notBefore:yyyy-MM-dd}..{notAfter:yyyy-MM-dd} falls outside the demo MOICA's own {Intermediate.NotBefore.ToUniversalTime():yyyy-MM-dd}..{Intermediate.NotAfter.ToUniversalTime():yyyy-MM-dd}"));
        }

        var ownKey = request.Key is null;
        var key = request.Key ?? RSA.Create(KeySize);
        try
        {
            var csr = new CertificateRequest(MoicaProfile.SubjectName(request.Name, subjectSerial), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            csr.CertificateExtensions.Add(new X509KeyUsageExtension(request.KeyUsage, critical: true));
            if (request.Policies.Count > 0)
            {
                csr.CertificateExtensions.Add(MoicaProfile.CertificatePolicies(request.Policies));
            }

            if (request.IncludeLastFour)
            {
                csr.CertificateExtensions.Add(MoicaProfile.LastFourAttribute(lastFour));
            }

            var crlUrl = request.CrlUrl ?? Settings.MoicaCrlUrl;
            if (crlUrl.Length > 0)
            {
                csr.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([crlUrl]));
            }

            var ocspUrl = request.OcspUrl ?? Settings.OcspUrl;
            if (!string.IsNullOrEmpty(ocspUrl))
            {
                csr.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension([ocspUrl], null));
            }

            csr.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(csr.PublicKey, critical: false));
            csr.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Intermediate, includeKeyIdentifier: true, includeIssuerAndSerial: false));

            var serial = NewSerial();
            using var certificate = csr.Create(Intermediate, notBefore, notAfter, serial);
            var withKey = certificate.CopyWithPrivateKey(key);
            var serialHex = Convert.ToHexString(serial);
            issued.Add(serialHex);
            if (Directory is not null)
            {
                DevelopmentPkiStore.SaveIssued(Directory, serialHex, withKey);
            }

            return withKey;
        }
        finally
        {
            if (ownKey)
            {
                key.Dispose();
            }
        }
    }

    /// <summary>Records a revocation; the next CRL lists it.</summary>
    public RevokedSerial Revoke(string serial, X509RevocationReason reason = X509RevocationReason.KeyCompromise, DateTimeOffset? revokedAt = null)
    {
        var normalised = NormaliseSerial(serial);
        if (!issued.Contains(normalised))
        {
            throw new PkiException($"serial {normalised} was not issued by this development PKI");
        }

        var existing = revoked.Find(r => r.Serial == normalised);
        if (existing is not null)
        {
            throw new PkiException(string.Create(CultureInfo.InvariantCulture, $"serial {normalised} is already revoked (since {existing.RevokedAt:yyyy-MM-dd HH:mm:ss}Z)"));
        }

        var entry = new RevokedSerial(normalised, Truncate(revokedAt ?? time.GetUtcNow()), reason);
        revoked.Add(entry);
        SaveState();
        return entry;
    }

    /// <summary>A DER CRL of the demo MOICA listing every revoked card certificate.</summary>
    public byte[] CreateMoicaCrl(DateTimeOffset? thisUpdate = null, DateTimeOffset? nextUpdate = null)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var entry in revoked)
        {
            builder.AddEntry(Convert.FromHexString(entry.Serial), entry.RevokedAt, entry.Reason);
        }

        return Build(builder, Intermediate, thisUpdate, nextUpdate);
    }

    /// <summary>A DER CRL of the demo root (it never revokes its intermediate, but relying parties check).</summary>
    public byte[] CreateRootCrl(DateTimeOffset? thisUpdate = null, DateTimeOffset? nextUpdate = null) =>
        Build(new CertificateRevocationListBuilder(), Root, thisUpdate, nextUpdate);

    /// <summary>Writes both CRLs under the state folder's <c>crl/</c>; returns their paths.</summary>
    public (string MoicaCrlPath, string RootCrlPath) WriteCrls(TimeSpan validity)
    {
        if (Directory is null)
        {
            throw new InvalidOperationException("an in-memory development PKI has no folder to write CRLs to");
        }

        if (validity <= TimeSpan.Zero)
        {
            throw new PkiException("the CRL validity must be positive");
        }

        var thisUpdate = Truncate(time.GetUtcNow());
        var moica = CreateMoicaCrl(thisUpdate, thisUpdate + validity);
        var root = CreateRootCrl(thisUpdate, thisUpdate + validity);
        return DevelopmentPkiStore.SaveCrls(Directory, moica, root);
    }

    /// <summary>Upper-case hex without separators; accepts colons, spaces and lower case.</summary>
    public static string NormaliseSerial(string serial)
    {
        ArgumentNullException.ThrowIfNull(serial);
        var hex = new string([.. serial.Where(c => c is not (':' or ' ' or '-'))]).ToUpperInvariant();
        if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
        {
            throw new PkiException($"'{serial}' is not a hexadecimal serial number (e.g. 4A3F…)");
        }

        return hex;
    }

    public void Dispose()
    {
        Root.Dispose();
        Intermediate.Dispose();
    }

    private byte[] Build(CertificateRevocationListBuilder builder, X509Certificate2 issuer, DateTimeOffset? thisUpdate, DateTimeOffset? nextUpdate)
    {
        var from = Truncate(thisUpdate ?? time.GetUtcNow());
        var until = Truncate(nextUpdate ?? from.AddDays(1));
        if (until <= from)
        {
            throw new PkiException("a CRL's next update must come after its this-update");
        }

        var number = nextCrlNumber++;
        var crl = builder.Build(issuer, new BigInteger(number), until, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, from);
        SaveState();
        return crl;
    }

    private void SaveState()
    {
        if (Directory is not null)
        {
            DevelopmentPkiStore.SaveState(Directory, revoked, nextCrlNumber);
        }
    }

    private static (X509Certificate2 Root, X509Certificate2 Intermediate) CreateAuthorities(
        DevelopmentPkiSettings settings, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var rootKey = RSA.Create(KeySize);
        var rootName = new X500DistinguishedNameBuilder();
        rootName.AddCountryOrRegion("TW");
        rootName.AddOrganizationName("Laobao development PKI");
        rootName.AddCommonName("Laobao Demo Root CA (not for production)");
        var rootRequest = new CertificateRequest(rootName.Build(), rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, critical: false));
        var root = rootRequest.CreateSelfSigned(notBefore, notAfter);

        using var intermediateKey = RSA.Create(KeySize);
        var request = new CertificateRequest(MoicaProfile.IssuerName(), intermediateKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        // anyPolicy: the relying party, not the chain engine, decides which leaf policies it accepts.
        request.CertificateExtensions.Add(MoicaProfile.CertificatePolicies(["2.5.29.32.0"]));
        request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([settings.RootCrlUrl]));
        using var intermediatePublic = request.Create(root, notBefore.AddMinutes(1), notAfter.AddMinutes(-1), NewSerial());
        return (root, intermediatePublic.CopyWithPrivateKey(intermediateKey));
    }

    private static string LastFourOf(string idNumber)
    {
        var trimmed = (idNumber ?? string.Empty).Trim().ToUpperInvariant();
        if (trimmed.Length < 4)
        {
            throw new PkiException("the ID number must have at least four characters");
        }

        return trimmed[^4..];
    }

    private static byte[] NewSerial()
    {
        // 16 random bytes, positive and without a leading zero byte, like MOICA's serials.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }

    private static string RandomDigits(int count) =>
        string.Create(count, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
            }
        });

    // Certificates and CRLs carry whole seconds; truncating keeps stored and encoded times equal.
    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
