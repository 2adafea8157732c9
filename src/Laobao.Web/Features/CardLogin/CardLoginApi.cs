using Laobao.Web.Security;
using Laobao.Web.Security.Cards;
using Microsoft.AspNetCore.Antiforgery;

namespace Laobao.Web.Features.CardLogin;

/// <summary>The sign-in endpoints of SPEC §4.5, plus sign-out. Every state-changing call needs the antiforgery token.</summary>
public static class CardLoginApi
{
    public const string ChallengePath = "/desk/api/card-login/challenge";
    public const string LoginPath = "/desk/api/card-login";
    public const string LogoutPath = "/desk/logout";

    public static IEndpointRouteBuilder MapCardLoginApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ChallengePath, async (HttpContext context, IAntiforgery antiforgery, CardLoginHandler handler, CancellationToken cancellationToken) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return ProblemResults.For(CardCheckCodes.RequestMalformed, "The antiforgery token is missing or invalid.");
            }

            var request = await JsonBody.ReadAsync<ChallengeRequest>(context.Request, cancellationToken);
            return await handler.IssueChallengeAsync(context, request, cancellationToken);
        }).DisableAntiforgery();

        endpoints.MapPost(LoginPath, async (HttpContext context, IAntiforgery antiforgery, CardLoginHandler handler, CancellationToken cancellationToken) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return await handler.RefuseAsync(context, null, CardCheckCodes.RequestMalformed, "The antiforgery token is missing or invalid.", cancellationToken);
            }

            var request = await JsonBody.ReadAsync<CardLoginRequest>(context.Request, cancellationToken);
            return await handler.LoginAsync(context, request, cancellationToken);
        }).DisableAntiforgery();

        endpoints.MapPost(LogoutPath, async (HttpContext context, IAntiforgery antiforgery, CardLoginHandler handler, CancellationToken cancellationToken) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return ProblemResults.For(CardCheckCodes.RequestMalformed, "The antiforgery token is missing or invalid.");
            }

            await handler.LogoutAsync(context, cancellationToken);
            return Results.Redirect("/desk/login");
        }).DisableAntiforgery();

        return endpoints;
    }
}
