namespace Laobao.Client;

/// <summary>The stable <c>code</c> of every problem document the mobile API answers with.</summary>
public static class ApiErrorCodes
{
    public const string RequestMalformed = "request-malformed";
    public const string TicketInvalid = "ticket-invalid";
    public const string DeviceSignatureInvalid = "device-signature-invalid";
    public const string PublicKeyInvalid = "public-key-invalid";
    public const string LinkNotFound = "link-not-found";
    public const string DeviceUnknown = "device-unknown";
    public const string NonceInvalid = "nonce-invalid";
    /// <summary>Wrong password and unknown email alike: the answer never tells them apart.</summary>
    public const string CredentialsInvalid = "credentials-invalid";
    public const string RefreshTokenInvalid = "refresh-token-invalid";
    public const string TokenInvalid = "token-invalid";
    public const string RateLimited = "rate-limited";
    public const string NotFound = "not-found";
    public const string AccountNotActive = "account-not-active";
}
