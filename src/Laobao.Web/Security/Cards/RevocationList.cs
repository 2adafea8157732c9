using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Laobao.Web.Security.Cards;

/// <summary>A CRL that cannot be used: malformed, not signed by the CA, of a scope this reader does not handle.</summary>
public sealed class UnusableCrlException : Exception
{
    public UnusableCrlException()
        : base("The CRL cannot be used.")
    {
    }

    public UnusableCrlException(string message)
        : base(message)
    {
    }

    public UnusableCrlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// One CRL (RFC 5280 §5), read once: its signature checked against the issuing CA's key, its revoked serials in a
/// hash set over slices of the CRL's own bytes (no copy per entry), so a lookup costs one hash of the serial however
/// long the list is. Read with <see cref="AsnReader"/> from System.Formats.Asn1. Only complete CRLs for the whole of
/// the CA's certificates (or a plain distribution-point partition) are accepted: a delta CRL, an indirect CRL, one
/// limited to some reasons, or one with a critical extension not understood here is refused, so the status then
/// counts as unknown rather than "good" by a list that was never meant to cover the certificate.
/// </summary>
public sealed class RevocationList
{
    private const string CrlNumberOid = "2.5.29.20";
    private const string DeltaCrlIndicatorOid = "2.5.29.27";
    private const string IssuingDistributionPointOid = "2.5.29.28";
    private const string AuthorityKeyIdentifierOid = "2.5.29.35";

    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0);

    private readonly HashSet<ReadOnlyMemory<byte>> revoked;

    private RevocationList(byte[] bytes, BigInteger? number, DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate, HashSet<ReadOnlyMemory<byte>> revoked, bool onlyUserCertificates, bool onlyCaCertificates)
    {
        Bytes = bytes;
        Number = number;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        this.revoked = revoked;
        OnlyUserCertificates = onlyUserCertificates;
        OnlyCaCertificates = onlyCaCertificates;
    }

    /// <summary>The CRL as fetched: a later fetch with the same bytes needs no reading again.</summary>
    public byte[] Bytes { get; }

    /// <summary>The CRL number extension, when present.</summary>
    public BigInteger? Number { get; }

    public DateTimeOffset ThisUpdate { get; }

    /// <summary>When the CA promises its next CRL; after it this one says nothing about now.</summary>
    public DateTimeOffset? NextUpdate { get; }

    public int Count => revoked.Count;

    public bool OnlyUserCertificates { get; }

    public bool OnlyCaCertificates { get; }

    /// <summary>Whether the CRL lists the serial (big-endian bytes as in the certificate).</summary>
    public bool Lists(ReadOnlyMemory<byte> serial) => revoked.Contains(Trim(serial));

    /// <summary>Whether this CRL's scope covers the certificate (a CRL only for user or only for CA certificates).</summary>
    public bool Covers(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var isCa = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);
        return !(OnlyUserCertificates && isCa) && !(OnlyCaCertificates && !isCa);
    }

    /// <summary>Reads and checks a CRL fetched from <paramref name="distributionPoint"/> for certificates of <paramref name="issuer"/>.</summary>
    /// <exception cref="UnusableCrlException">The CRL is malformed, not the issuer's, not signed by its key, or of a scope not handled.</exception>
    public static RevocationList Load(byte[] bytes, X509Certificate2 issuer, Uri distributionPoint)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(distributionPoint);
        try
        {
            return Read(bytes, issuer, distributionPoint);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new UnusableCrlException("The CRL is malformed.", e);
        }
    }

    private static RevocationList Read(byte[] bytes, X509Certificate2 issuer, Uri distributionPoint)
    {
        // BER reading accepts what DER does and a little more; the signature covers the exact bytes either way.
        var outer = new AsnReader(bytes, AsnEncodingRules.BER);
        var certificateList = outer.ReadSequence();
        if (outer.HasData)
        {
            throw new UnusableCrlException("Bytes follow the CRL.");
        }

        var tbsBytes = certificateList.ReadEncodedValue();
        var algorithm = certificateList.ReadSequence().ReadObjectIdentifier();
        var signature = certificateList.ReadBitString(out var unusedBits);
        if (unusedBits != 0)
        {
            throw new UnusableCrlException("The CRL's signature is not a whole number of bytes.");
        }

        // Signature first: nothing a stranger wrote is read further than this.
        if (!CaSignatures.Verifies(issuer.PublicKey, tbsBytes.Span, algorithm, signature))
        {
            throw new UnusableCrlException("The CRL is not signed by the issuing CA's key.");
        }

        var tbs = new AsnReader(tbsBytes, AsnEncodingRules.BER).ReadSequence();
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            if (!tbs.TryReadInt32(out var version) || version != 1)
            {
                throw new UnusableCrlException("The CRL version is not v2.");
            }
        }

        var innerAlgorithm = tbs.ReadSequence().ReadObjectIdentifier();
        if (innerAlgorithm != algorithm)
        {
            throw new UnusableCrlException("The CRL names two different signature algorithms.");
        }

        var issuerName = tbs.ReadEncodedValue();
        if (!issuerName.Span.SequenceEqual(issuer.SubjectName.RawData))
        {
            throw new UnusableCrlException("The CRL's issuer is not the CA that issued the certificate.");
        }

        var thisUpdate = ReadTime(tbs);
        DateTimeOffset? nextUpdate = null;
        if (tbs.HasData && IsTime(tbs.PeekTag()))
        {
            nextUpdate = ReadTime(tbs);
        }

        var revoked = new HashSet<ReadOnlyMemory<byte>>(SerialComparer.Instance);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var entries = tbs.ReadSequence();
            while (entries.HasData)
            {
                var entry = entries.ReadSequence();
                revoked.Add(Trim(entry.ReadIntegerBytes()));
                entry.ReadEncodedValue(); // revocationDate: any revocation counts, whenever it was
                if (entry.HasData && AnyCritical(entry.ReadSequence()))
                {
                    // certificateIssuer (indirect CRLs) is the critical entry extension; none is handled here.
                    throw new UnusableCrlException("A CRL entry has a critical extension.");
                }
            }
        }

        BigInteger? number = null;
        bool onlyUser = false, onlyCa = false;
        if (tbs.HasData)
        {
            var extensions = tbs.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)).ReadSequence();
            while (extensions.HasData)
            {
                var extension = extensions.ReadSequence();
                var oid = extension.ReadObjectIdentifier();
                var critical = extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean();
                var value = extension.ReadOctetString();
                switch (oid)
                {
                    case CrlNumberOid:
                        number = new AsnReader(value, AsnEncodingRules.BER).ReadInteger();
                        break;
                    case DeltaCrlIndicatorOid:
                        throw new UnusableCrlException("A delta CRL is not a complete list.");
                    case IssuingDistributionPointOid:
                        (onlyUser, onlyCa) = ReadScope(value, distributionPoint);
                        break;
                    case AuthorityKeyIdentifierOid:
                        break;
                    default:
                        if (critical)
                        {
                            throw new UnusableCrlException($"The CRL has a critical extension {oid} not understood here.");
                        }

                        break;
                }
            }
        }

        return new RevocationList(bytes, number, thisUpdate, nextUpdate, revoked, onlyUser, onlyCa);
    }

    /// <summary>
    /// The issuing distribution point (RFC 5280 §5.2.5): a partition must name the address it was fetched from, so a
    /// signed but other partition (one that does not list the certificate) cannot be passed off for this one.
    /// </summary>
    private static (bool OnlyUser, bool OnlyCa) ReadScope(byte[] value, Uri distributionPoint)
    {
        var idp = new AsnReader(value, AsnEncodingRules.BER).ReadSequence();
        bool onlyUser = false, onlyCa = false;
        while (idp.HasData)
        {
            var tag = idp.PeekTag();
            if (tag.TagClass != TagClass.ContextSpecific)
            {
                throw new UnusableCrlException("The issuing distribution point is malformed.");
            }

            switch (tag.TagValue)
            {
                case 0:
                    var name = idp.ReadSequence(tag);
                    if (!name.PeekTag().HasSameClassAndValue(Context0)
                        || !DistributionPoints.Uris(name.ReadSequence(name.PeekTag())).Any(u => u == distributionPoint))
                    {
                        throw new UnusableCrlException($"The CRL is a partition that does not name {distributionPoint}.");
                    }

                    break;
                case 1:
                    onlyUser = idp.ReadBoolean(tag);
                    break;
                case 2:
                    onlyCa = idp.ReadBoolean(tag);
                    break;
                case 3:
                    throw new UnusableCrlException("A CRL for some revocation reasons only is not a complete list.");
                case 4:
                    if (idp.ReadBoolean(tag))
                    {
                        throw new UnusableCrlException("An indirect CRL is not handled.");
                    }

                    break;
                case 5:
                    if (idp.ReadBoolean(tag))
                    {
                        throw new UnusableCrlException("A CRL for attribute certificates does not cover this certificate.");
                    }

                    break;
                default:
                    throw new UnusableCrlException("The issuing distribution point is malformed.");
            }
        }

        return (onlyUser, onlyCa);
    }

    private static bool AnyCritical(AsnReader extensions)
    {
        while (extensions.HasData)
        {
            var extension = extensions.ReadSequence();
            extension.ReadEncodedValue(); // the OID: no entry extension is understood, so only its criticality matters
            if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean) && extension.ReadBoolean())
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsTime(Asn1Tag tag) =>
        tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UtcTime)) || tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.GeneralizedTime));

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UtcTime)) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    /// <summary>One form for every serial: without leading zero bytes (a DER INTEGER has at most one).</summary>
    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> serial)
    {
        var span = serial.Span;
        var skip = 0;
        while (skip < span.Length - 1 && span[skip] == 0)
        {
            skip++;
        }

        return serial[skip..];
    }

    private sealed class SerialComparer : IEqualityComparer<ReadOnlyMemory<byte>>
    {
        public static readonly SerialComparer Instance = new();

        public bool Equals(ReadOnlyMemory<byte> x, ReadOnlyMemory<byte> y) => x.Span.SequenceEqual(y.Span);

        public int GetHashCode(ReadOnlyMemory<byte> obj)
        {
            var hash = new HashCode();
            hash.AddBytes(obj.Span);
            return hash.ToHashCode();
        }
    }
}

/// <summary>The CRL distribution points (RFC 5280 §4.2.1.13) a certificate names: http(s) addresses of full CRLs.</summary>
public static class DistributionPoints
{
    private const string CrlDistributionPointsOid = "2.5.29.31";

    public static IReadOnlyList<Uri> Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = certificate.Extensions[CrlDistributionPointsOid];
        if (extension is null)
        {
            return [];
        }

        try
        {
            var uris = new List<Uri>();
            var points = new AsnReader(extension.RawData, AsnEncodingRules.BER).ReadSequence();
            while (points.HasData)
            {
                var point = points.ReadSequence();
                if (!point.HasData || !point.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
                {
                    continue;
                }

                var name = point.ReadSequence(point.PeekTag());
                // A point limited to some reasons or with another CRL issuer is not a full CRL of this CA.
                if (point.HasData || !name.HasData || !name.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
                {
                    continue;
                }

                uris.AddRange(Uris(name.ReadSequence(name.PeekTag())));
            }

            return uris;
        }
        catch (AsnContentException)
        {
            return [];
        }
    }

    /// <summary>The http and https URIs among GeneralNames.</summary>
    internal static List<Uri> Uris(AsnReader names)
    {
        var uris = new List<Uri>();
        var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
        while (names.HasData)
        {
            if (!names.PeekTag().HasSameClassAndValue(uriTag))
            {
                names.ReadEncodedValue();
                continue;
            }

            var text = names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag);
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                uris.Add(uri);
            }
        }

        return uris;
    }
}
