namespace Laobao.Web.Features.Passkeys;

/// <summary>
/// Section <c>Passkeys</c>. The relying party id is not set here: it is the host of <c>Desk:Origin</c>, the one origin
/// every ceremony is checked against (SPEC §4.6, §11).
/// </summary>
public sealed class PasskeyOptions
{
    public const string Section = "Passkeys";

    /// <summary>
    /// AAGUIDs of the authenticator models accepted. Empty (the default): any authenticator, attestation <c>none</c>.
    /// Listed: the server asks for direct attestation and refuses a passkey whose authenticator model is not listed.
    /// </summary>
    public IReadOnlyList<Guid> AllowedAaguids { get; init; } = [];

    /// <summary>The name shown on the person's authenticator for this service.</summary>
    public string RelyingPartyName { get; init; } = "Laobao 勞保 e 化服務櫃台";

    /// <summary>Passkeys a person may hold at once (desk and app together).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100)]
    public int MaxPerPerson { get; init; } = 10;

    /// <summary>Failed passkey sign-ins allowed per client address in the sign-in window (<c>SignInLimits:Window</c>).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int FailuresPerAddress { get; init; } = 100;

    /// <summary>Failed sign-ins allowed per passkey in the window: a stolen credential id cannot be tried without end.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, int.MaxValue)]
    public int FailuresPerCredential { get; init; } = 10;
}

/// <summary>Stable codes of passkey refusals (problem documents' <c>code</c>); each has a sentence in both languages.</summary>
public static class PasskeyCodes
{
    public const string RequestMalformed = "request.malformed";
    public const string ChallengeUnknown = "challenge.unknown";
    public const string ChallengeExpired = "challenge.expired";
    public const string Unknown = "passkey.unknown";
    public const string UserMismatch = "passkey.user-mismatch";
    public const string OriginMismatch = "passkey.origin-mismatch";
    public const string RelyingPartyMismatch = "passkey.rp-mismatch";
    public const string ChallengeMismatch = "passkey.challenge-mismatch";
    public const string SignatureInvalid = "passkey.signature-invalid";
    public const string CounterRegressed = "passkey.counter-regressed";
    public const string UserVerificationMissing = "passkey.user-verification-missing";
    public const string AuthenticatorNotAllowed = "passkey.authenticator-not-allowed";
    public const string AlreadyRegistered = "passkey.already-registered";
    public const string TooMany = "passkey.too-many";
    public const string DeviceRequired = "passkey.device-required";
    public const string Invalid = "passkey.invalid";
    public const string RateLimited = "rate-limited";

    /// <summary>A passkey session asked for something that needs the card (SPEC §11 tiered assurance).</summary>
    public const string CardRequired = "assurance.card-required";

    public static IReadOnlyList<string> All { get; } =
    [
        RequestMalformed, ChallengeUnknown, ChallengeExpired, Unknown, UserMismatch, OriginMismatch, RelyingPartyMismatch,
        ChallengeMismatch, SignatureInvalid, CounterRegressed, UserVerificationMissing, AuthenticatorNotAllowed,
        AlreadyRegistered, TooMany, DeviceRequired, Invalid, RateLimited, CardRequired,
    ];

    public static int StatusFor(string code) => code switch
    {
        RequestMalformed => StatusCodes.Status400BadRequest,
        RateLimited => StatusCodes.Status429TooManyRequests,
        AlreadyRegistered or TooMany => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status403Forbidden,
    };

    public static IResult Problem(string code) =>
        Results.Problem(
            title: Localization.PasskeyCopy.Entries["passkeyError." + code].En,
            statusCode: StatusFor(code),
            type: "urn:laobao:problem:" + code,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code });
}

/// <summary>
/// Reads a passkey request like every other JSON body, and also turns the WebAuthn models' own decoding errors (bad
/// base64url in a byte field) into "no body", which the callers answer with <c>request.malformed</c>, never a 500.
/// </summary>
public static class PasskeyJson
{
    public static async Task<T?> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await Security.JsonBody.ReadAsync<T>(request, cancellationToken);
        }
        catch (FormatException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
