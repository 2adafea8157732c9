using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Laobao.Client;
using Laobao.Web.Features.MobileApi;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Security.Tokens;

public static class MobileClaims
{
    public const string Scheme = "MobileBearer";
    public const string Policy = "Mobile";
    public const string IdNumber = "laobao:id";
    public const string DeviceId = "laobao:device";
    public const string FamilyId = "laobao:family";

    public static TokenPrincipal Read(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new TokenPrincipal(
            user.FindFirstValue(IdNumber) ?? throw new InvalidOperationException("No mobile principal."),
            Guid.Parse(user.FindFirstValue(DeviceId)!, CultureInfo.InvariantCulture),
            Guid.Parse(user.FindFirstValue(FamilyId)!, CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// <c>Authorization: Bearer &lt;accessToken&gt;</c> for /api/v1/me: the token's hash must name an unexpired,
/// unrevoked row. A refusal is a problem document with code <c>token-invalid</c>, never a redirect.
/// </summary>
public sealed class MobileBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var principal = await tokens.ValidateAccessAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (principal is null)
        {
            return AuthenticateResult.Fail("The access token is unknown, expired or revoked.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(MobileClaims.IdNumber, principal.PersonIdNumber),
                new Claim(MobileClaims.DeviceId, principal.DeviceId.ToString("D")),
                new Claim(MobileClaims.FamilyId, principal.FamilyId.ToString("D")),
            ],
            MobileClaims.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), MobileClaims.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return ApiProblems.For(ApiErrorCodes.TokenInvalid, "Sign in again: the access token is missing, expired or revoked.")
            .ExecuteAsync(Context);
    }
}
