using System.Formats.Asn1;
using System.Net.Http.Headers;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Laobao.Web.Security.Cards;

public enum OcspStatus
{
    /// <summary>The responder could not be reached, or its answer was malformed, stale or not signed by the CA.</summary>
    NoAnswer,
    Good,
    Revoked,
    /// <summary>A valid, signed answer that the CA does not know the certificate.</summary>
    Unknown,
}

/// <summary>
/// Asks a card certificate's OCSP responder (RFC 6960) and checks the answer: signed by the issuing CA or by a
/// responder certificate that CA issued for OCSP signing, about this certificate, and current. .NET's chain engine
/// on Linux does not ask OCSP for a certificate that names a responder, so the e-desk does it here.
/// </summary>
public sealed class OcspClient(TimeProvider time)
{
    private const string Sha1Oid = "1.3.14.3.2.26";
    private const string BasicResponseOid = "1.3.6.1.5.5.7.48.1.1";
    private const string OcspSigningOid = "1.3.6.1.5.5.7.3.9";
    private const string AuthorityInfoAccessOid = "1.3.6.1.5.5.7.1.1";

    // Clocks of responder and e-desk differ a little; an answer "from the future" by more than this is refused.
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    // An answer without a next update is taken as current for this long after it was made.
    private static readonly TimeSpan NoNextUpdateValidity = TimeSpan.FromHours(1);

    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

    /// <summary>The responders a certificate names in its authority information access, http only.</summary>
    public static IReadOnlyList<Uri> ResponderUris(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var uris = new List<Uri>();
        foreach (var extension in certificate.Extensions)
        {
            // The collection does not hand out the typed extension for this OID: decode it from its bytes.
            if (extension.Oid?.Value == AuthorityInfoAccessOid)
            {
                var aia = new X509AuthorityInformationAccessExtension(extension.RawData, extension.Critical);
                foreach (var text in aia.EnumerateOcspUris())
                {
                    if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp)
                    {
                        uris.Add(uri);
                    }
                }
            }
        }

        return uris;
    }

    public async Task<OcspStatus> CheckAsync(X509Certificate2 certificate, X509Certificate2 issuer, Uri responder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);
        var certId = CertId(certificate, issuer);
        byte[] answer;
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            using var content = new ByteArrayContent(Request(certId));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
            using var response = await Http.PostAsync(responder, content, limit.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return OcspStatus.NoAnswer;
            }

            answer = await response.Content.ReadAsByteArrayAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return OcspStatus.NoAnswer;
        }

        try
        {
            return Read(answer, certId, issuer, time.GetUtcNow());
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or ArgumentException or InvalidOperationException or FormatException)
        {
            return OcspStatus.NoAnswer;
        }
    }

    private sealed record CertIdentity(byte[] NameHash, byte[] KeyHash, BigInteger Serial);

    private static CertIdentity CertId(X509Certificate2 certificate, X509Certificate2 issuer) => new(
        SHA1.HashData(issuer.SubjectName.RawData),
        SHA1.HashData(issuer.PublicKey.EncodedKeyValue.RawData),
        new BigInteger(certificate.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true));

    private static byte[] Request(CertIdentity id)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            WriteCertId(writer, id);
        }

        return writer.Encode();
    }

    private static void WriteCertId(AsnWriter writer, CertIdentity id)
    {
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Sha1Oid);
                writer.WriteNull();
            }

            writer.WriteOctetString(id.NameHash);
            writer.WriteOctetString(id.KeyHash);
            writer.WriteInteger(id.Serial);
        }
    }

    private static OcspStatus Read(byte[] answer, CertIdentity id, X509Certificate2 issuer, DateTimeOffset now)
    {
        var outer = new AsnReader(answer, AsnEncodingRules.DER).ReadSequence();
        if (outer.ReadEnumeratedValue<ResponseStatus>() != ResponseStatus.Successful || !outer.HasData)
        {
            return OcspStatus.NoAnswer;
        }

        var bytes = outer.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
        if (bytes.ReadObjectIdentifier() != BasicResponseOid)
        {
            return OcspStatus.NoAnswer;
        }

        var basic = new AsnReader(bytes.ReadOctetString(), AsnEncodingRules.DER).ReadSequence();
        var tbs = basic.ReadEncodedValue().ToArray();
        var algorithm = basic.ReadSequence().ReadObjectIdentifier();
        var signature = basic.ReadBitString(out _);
        var certs = new List<X509Certificate2>();
        if (basic.HasData)
        {
            var list = basic.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
            while (list.HasData)
            {
                certs.Add(X509CertificateLoader.LoadCertificate(list.ReadEncodedValue().Span));
            }
        }

        try
        {
            if (!SignedByIssuerOrItsResponder(tbs, algorithm, signature, certs, issuer, now))
            {
                return OcspStatus.NoAnswer;
            }
        }
        finally
        {
            foreach (var certificate in certs)
            {
                certificate.Dispose();
            }
        }

        var data = new AsnReader(tbs, AsnEncodingRules.DER).ReadSequence();
        if (data.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            data.ReadEncodedValue();
        }

        data.ReadEncodedValue(); // responderID
        data.ReadGeneralizedTime(); // producedAt
        var responses = data.ReadSequence();
        while (responses.HasData)
        {
            var single = responses.ReadSequence();
            var certId = single.ReadSequence();
            var hashAlgorithm = certId.ReadSequence().ReadObjectIdentifier();
            var nameHash = certId.ReadOctetString();
            var keyHash = certId.ReadOctetString();
            var serial = certId.ReadInteger();
            if (hashAlgorithm != Sha1Oid || !nameHash.AsSpan().SequenceEqual(id.NameHash) || !keyHash.AsSpan().SequenceEqual(id.KeyHash) || serial != id.Serial)
            {
                continue;
            }

            var statusTag = single.PeekTag();
            single.ReadEncodedValue();
            var thisUpdate = single.ReadGeneralizedTime();
            DateTimeOffset? nextUpdate = null;
            if (single.HasData && single.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                nextUpdate = single.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadGeneralizedTime();
            }

            // A stale or premature answer says nothing about now.
            if (thisUpdate > now + Skew || now > (nextUpdate ?? thisUpdate + NoNextUpdateValidity) + Skew)
            {
                return OcspStatus.NoAnswer;
            }

            return statusTag.TagClass != TagClass.ContextSpecific ? OcspStatus.NoAnswer : statusTag.TagValue switch
            {
                0 => OcspStatus.Good,
                1 => OcspStatus.Revoked,
                2 => OcspStatus.Unknown,
                _ => OcspStatus.NoAnswer,
            };
        }

        return OcspStatus.NoAnswer;
    }

    /// <summary>The issuing CA signed the answer, or a responder certificate the CA issued for OCSP signing, valid now.</summary>
    private static bool SignedByIssuerOrItsResponder(byte[] tbs, string algorithm, byte[] signature, List<X509Certificate2> certs, X509Certificate2 issuer, DateTimeOffset now)
    {
        if (CaSignatures.Verifies(issuer.PublicKey, tbs, algorithm, signature))
        {
            return true;
        }

        foreach (var responder in certs)
        {
            if (responder.IssuerName.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData)
                && now >= responder.NotBefore.ToUniversalTime() && now <= responder.NotAfter.ToUniversalTime()
                && responder.Extensions.OfType<X509EnhancedKeyUsageExtension>().Any(e => e.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == OcspSigningOid))
                && CaSignatures.CertificateSignedBy(responder, issuer)
                && CaSignatures.Verifies(responder.PublicKey, tbs, algorithm, signature))
            {
                return true;
            }
        }

        return false;
    }

    private enum ResponseStatus
    {
        Successful = 0,
        MalformedRequest = 1,
        InternalError = 2,
        TryLater = 3,
        SigRequired = 5,
        Unauthorized = 6,
    }
}
