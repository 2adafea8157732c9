using Laobao.Client;
using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Features.Inquiry;
using Laobao.Web.Security;
using Laobao.Web.Security.Tokens;
using Microsoft.AspNetCore.Authentication;

namespace Laobao.Web.Features.MobileApi;

public static class MobileApiServiceCollectionExtensions
{
    /// <summary>Device linking, tokens, the mobile API with its bearer scheme, the shared inquiry and the OpenAPI document.</summary>
    public static IServiceCollection AddMobileApi(this IServiceCollection services)
    {
        services.AddSingleton<DummyPasswordHash>();
        services.AddScoped<IMobileAccountDirectory, MobileAccountDirectory>();
        services.AddScoped<TokenService>();
        services.AddSingleton<OncePerMinute<TokenService>>();
        services.AddScoped<AttemptLimiter>();
        services.AddScoped<RequestAudit>();
        services.AddScoped<DeviceLinkService>();
        services.AddScoped<LinkEligibility>();
        services.AddScoped<SessionHandler>();
        services.AddScoped<InquiryService>();
        services.AddScoped<Estimates.EstimateService>();

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, MobileBearerHandler>(MobileClaims.Scheme, null);
        services.AddAuthorizationBuilder().AddPolicy(MobileClaims.Policy, policy =>
            policy.AddAuthenticationSchemes(MobileClaims.Scheme).RequireAuthenticatedUser());

        // A body that does not bind (bad JSON, wrong types) is a problem document with a stable code, like every other refusal.
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var extensions = context.ProblemDetails.Extensions;
            if (!extensions.ContainsKey("code") && context.ProblemDetails.Status == StatusCodes.Status400BadRequest)
            {
                extensions["code"] = ApiErrorCodes.RequestMalformed;
            }

        });
        services.AddOpenApi("v1");
        return services;
    }
}
