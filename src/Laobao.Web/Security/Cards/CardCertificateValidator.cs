using System.Security.Cryptography.X509Certificates;
using Laobao.Certificates;

namespace Laobao.Web.Security.Cards;

/// <summary>
/// The certificate checks of SPEC §4.3 in their order: validity, chain to a configured root through configured
/// intermediates only, key usage, policy, revocation. Returns the first failing code, or null when all pass.
/// The chain engine builds and checks the path with its own revocation check off; revocation of the card and of every
/// CA below the root comes from the e-desk's own <see cref="CrlCache"/> (and the card's OCSP responder, where named).
/// </summary>
public sealed class CardCertificateValidator(CardTrustAnchors anchors, OcspClient ocsp, CrlCache crls, TimeProvider time)
{
    // Any of these on any element means there is no acceptable path to a configured root.
    private const X509ChainStatusFlags UntrustedFlags =
        X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.NotSignatureValid
        | X509ChainStatusFlags.Cyclic | X509ChainStatusFlags.ExplicitDistrust | X509ChainStatusFlags.InvalidBasicConstraints
        | X509ChainStatusFlags.InvalidNameConstraints | X509ChainStatusFlags.HasNotPermittedNameConstraint
        | X509ChainStatusFlags.HasExcludedNameConstraint | X509ChainStatusFlags.HasNotSupportedCriticalExtension
        | X509ChainStatusFlags.InvalidExtension | X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested;

    public async Task<string?> ValidateAsync(X509Certificate2 certificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var now = time.GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime())
        {
            return CardCheckCodes.CertificateNotYetValid;
        }

        if (now > certificate.NotAfter.ToUniversalTime())
        {
            return CardCheckCodes.CertificateExpired;
        }

        using var chain = BuildChain(certificate, now);
        if (!EndsAtConfiguredAnchors(chain) || AnyElementHas(chain, UntrustedFlags))
        {
            return CardCheckCodes.CertificateUntrusted;
        }

        if (!MoicaCertificateFields.HasDigitalSignatureUsage(certificate))
        {
            return CardCheckCodes.CertificateWrongUsage;
        }

        if (!MoicaCertificateFields.Policies(certificate).Any(anchors.Policies.Contains))
        {
            return CardCheckCodes.CertificatePolicy;
        }

        // The card's own status: from its OCSP responder where it names one, and from its CA's CRL; each CA below
        // the root from its own issuer's CRL (the root itself is trusted by configuration, as before).
        var ocspStatus = await AskOcspAsync(certificate, chain, cancellationToken);
        var elements = chain.ChainElements;
        var crlStatus = new CrlStatus[elements.Count - 1];
        for (var i = 0; i < crlStatus.Length; i++)
        {
            crlStatus[i] = await crls.StatusAsync(elements[i].Certificate, elements[i + 1].Certificate, cancellationToken);
        }

        if (ocspStatus == OcspStatus.Revoked || crlStatus.Contains(CrlStatus.Revoked))
        {
            return CardCheckCodes.CertificateRevoked;
        }

        if (anchors.FailClosed)
        {
            var unknown = ocspStatus switch
            {
                // A signed, current "good" settles the card; the CAs above it still need their CRLs.
                OcspStatus.Good => crlStatus.Skip(1).Contains(CrlStatus.Unknown),
                // The responder says its CA does not know this certificate.
                OcspStatus.Unknown => true,
                // No usable answer (or no responder named): the CRLs alone decide.
                _ => crlStatus.Contains(CrlStatus.Unknown),
            };
            if (unknown)
            {
                return CardCheckCodes.CertificateRevocationUnknown;
            }
        }

        return null;
    }

    private async Task<OcspStatus> AskOcspAsync(X509Certificate2 certificate, X509Chain chain, CancellationToken cancellationToken)
    {
        var issuer = chain.ChainElements[1].Certificate;
        foreach (var responder in OcspClient.ResponderUris(certificate))
        {
            var status = await ocsp.CheckAsync(certificate, issuer, responder, anchors.RevocationTimeout, cancellationToken);
            if (status != OcspStatus.NoAnswer)
            {
                return status;
            }
        }

        return OcspStatus.NoAnswer;
    }

    private X509Chain BuildChain(X509Certificate2 certificate, DateTimeOffset now)
    {
        var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(anchors.Roots);
        // Only configured intermediates: certificates the signer packed into the CMS are never offered to the builder.
        policy.ExtraStore.AddRange(anchors.Intermediates);
        // No AIA fetching: a chain through a CA we did not configure must not be completed from the network.
        policy.DisableCertificateDownloads = true;
        // Revocation is checked after the path is known, against the e-desk's own CRL cache (CrlCache): the engine's
        // check read its cached copy of each CRL again for every chain, and fetched an expired one once per chain.
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.VerificationTime = now.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        chain.Build(certificate);
        return chain;
    }

    /// <summary>Belt and braces over the chain engine: the path's root and CAs must be configured certificates, by exact bytes.</summary>
    private bool EndsAtConfiguredAnchors(X509Chain chain)
    {
        var elements = chain.ChainElements;
        if (elements.Count < 2)
        {
            return false;
        }

        var root = elements[^1].Certificate;
        if (!anchors.Roots.Any(r => r.RawDataMemory.Span.SequenceEqual(root.RawDataMemory.Span)))
        {
            return false;
        }

        for (var i = 1; i < elements.Count - 1; i++)
        {
            var ca = elements[i].Certificate;
            if (!anchors.Intermediates.Any(c => c.RawDataMemory.Span.SequenceEqual(ca.RawDataMemory.Span)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyElementHas(X509Chain chain, X509ChainStatusFlags flags) =>
        chain.ChainStatus.Any(s => (s.Status & flags) != 0)
        || chain.ChainElements.Any(e => e.ChainElementStatus.Any(s => (s.Status & flags) != 0));
}
