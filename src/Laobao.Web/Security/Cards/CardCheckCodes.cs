namespace Laobao.Web.Security.Cards;

/// <summary>The stable error codes of SPEC §4.3, in the order the server checks them.</summary>
public static class CardCheckCodes
{
    public const string RequestMalformed = "request.malformed";
    public const string ChallengeUnknown = "challenge.unknown";
    public const string ChallengeExpired = "challenge.expired";
    public const string SignatureInvalid = "signature.invalid";
    public const string SignatureContentMismatch = "signature.content-mismatch";
    public const string CertificateNotYetValid = "certificate.not-yet-valid";
    public const string CertificateExpired = "certificate.expired";
    public const string CertificateUntrusted = "certificate.untrusted";
    public const string CertificateWrongUsage = "certificate.wrong-usage";
    public const string CertificatePolicy = "certificate.policy";
    public const string CertificateRevoked = "certificate.revoked";
    public const string CertificateRevocationUnknown = "certificate.revocation-unknown";
    public const string IdentityMismatch = "identity.mismatch";
    public const string PersonNotFound = "person.not-found";
    public const string RateLimited = "rate-limited";

    /// <summary>Every code, in check order; the page has a sentence for each.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        RequestMalformed, ChallengeUnknown, ChallengeExpired, SignatureInvalid, SignatureContentMismatch,
        CertificateNotYetValid, CertificateExpired, CertificateUntrusted, CertificateWrongUsage, CertificatePolicy,
        CertificateRevoked, CertificateRevocationUnknown, IdentityMismatch, PersonNotFound, RateLimited,
    ];
}
