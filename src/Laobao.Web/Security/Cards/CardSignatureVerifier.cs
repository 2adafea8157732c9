using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Text;
using Laobao.Certificates;
using Laobao.Web.Security.Challenges;

namespace Laobao.Web.Security.Cards;

/// <summary>What the card proved, when every check passed.</summary>
public sealed record CardVerification(string? ErrorCode, string? CertificateSubjectName)
{
    public bool Succeeded => ErrorCode is null;

    public static CardVerification Failed(string code) => new(code, null);
}

/// <summary>
/// Verifies a card's CMS signature over a to-be-signed text of SPEC §4.2, running the checks of §4.3 in
/// their order up to the identity binding of the certificate (last four characters of the ID number).
/// </summary>
public sealed class CardSignatureVerifier(ChallengeService challenges, CardCertificateValidator validator)
{
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    private const string DataContentTypeOid = "1.2.840.113549.1.7.1";

    /// <param name="purpose">The challenge purpose the nonce must have been issued for.</param>
    /// <param name="signatureBase64">The bridge's base64 CMS SignedData.</param>
    /// <param name="browserBinding">The browser-binding cookie of this request; null when absent.</param>
    /// <param name="expectedText">Rebuilds the exact to-be-signed text for a nonce.</param>
    /// <param name="normalizedIdNumber">The ID number entered; its last four must match the certificate.</param>
    public async Task<CardVerification> VerifyAsync(
        string purpose,
        string signatureBase64,
        string? browserBinding,
        Func<string, string> expectedText,
        string normalizedIdNumber,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expectedText);
        var cms = Decode(signatureBase64);
        if (cms is null)
        {
            return CardVerification.Failed(CardCheckCodes.RequestMalformed);
        }

        var content = cms.ContentInfo.Content;
        var nonce = ToBeSigned.FindNonce(content);
        if (nonce is null)
        {
            return CardVerification.Failed(CardCheckCodes.ChallengeUnknown);
        }

        switch (await challenges.RedeemAsync(purpose, nonce, browserBinding, cancellationToken))
        {
            case ChallengeRedemption.Unknown:
                return CardVerification.Failed(CardCheckCodes.ChallengeUnknown);
            case ChallengeRedemption.Expired:
                return CardVerification.Failed(CardCheckCodes.ChallengeExpired);
            case ChallengeRedemption.Redeemed:
                break;
        }

        if (cms.SignerInfos.Count != 1)
        {
            return CardVerification.Failed(CardCheckCodes.SignatureInvalid);
        }

        var signer = cms.SignerInfos[0];
        if (signer.Certificate is not { } certificate || signer.DigestAlgorithm.Value != Sha256Oid || !SignatureHolds(signer))
        {
            return CardVerification.Failed(CardCheckCodes.SignatureInvalid);
        }

        var expected = Encoding.UTF8.GetBytes(expectedText(nonce));
        if (cms.ContentInfo.ContentType.Value != DataContentTypeOid || !content.AsSpan().SequenceEqual(expected))
        {
            return CardVerification.Failed(CardCheckCodes.SignatureContentMismatch);
        }

        if (await validator.ValidateAsync(certificate, cancellationToken) is { } certificateError)
        {
            return CardVerification.Failed(certificateError);
        }

        var lastFour = MoicaCertificateFields.IdLastFour(certificate);
        if (lastFour is null || normalizedIdNumber.Length < 4 || !string.Equals(lastFour, normalizedIdNumber[^4..], StringComparison.Ordinal))
        {
            return CardVerification.Failed(CardCheckCodes.IdentityMismatch);
        }

        return new CardVerification(null, MoicaCertificateFields.HolderName(certificate));
    }

    private static SignedCms? Decode(string signatureBase64)
    {
        var bytes = new byte[signatureBase64.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(signatureBase64, bytes, out var length) || length == 0)
        {
            return null;
        }

        try
        {
            var cms = new SignedCms();
            cms.Decode(bytes.AsSpan(0, length));
            return cms.Detached || cms.ContentInfo.Content.Length == 0 ? null : cms;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static bool SignatureHolds(SignerInfo signer)
    {
        try
        {
            // Signature only: the chain is built separately against the configured trust, never the machine's store.
            signer.CheckSignature(verifySignatureOnly: true);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
