using Laobao.Client;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Laobao.Web.Features.MobileApi;

/// <summary>Problem documents (RFC 7807) of the mobile API and device linking, each with its stable <c>code</c>.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult For(string code, string title) =>
        TypedResults.Problem(
            title: title,
            statusCode: StatusFor(code),
            type: "urn:laobao:problem:" + code,
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code });

    public static int StatusFor(string code) => code switch
    {
        ApiErrorCodes.RequestMalformed or ApiErrorCodes.PublicKeyInvalid or ApiErrorCodes.TicketInvalid => StatusCodes.Status400BadRequest,
        ApiErrorCodes.CredentialsInvalid or ApiErrorCodes.TokenInvalid or ApiErrorCodes.RefreshTokenInvalid
            or ApiErrorCodes.NonceInvalid or ApiErrorCodes.DeviceSignatureInvalid or ApiErrorCodes.DeviceUnknown => StatusCodes.Status401Unauthorized,
        ApiErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        ApiErrorCodes.LinkNotFound or ApiErrorCodes.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status403Forbidden,
    };
}
