using Laobao.Web.Localization;
using Laobao.Web.Security;
using Laobao.Web.Security.Passwords;
using Microsoft.AspNetCore.Antiforgery;

namespace Laobao.Web.Features.MobileAccount;

public sealed record PasswordCheckRequest(string? Password, string? Email);

public sealed record PasswordCheckResponse(string? Code, string Message);

/// <summary>
/// JSON calls of the account pages (signed in with the card; antiforgery token in the <c>RequestVerificationToken</c>
/// header): password advice while typing, and challenge → signed submission for the application and each change.
/// </summary>
public static class MobileAccountApi
{
    public const string PasswordCheckPath = "/desk/api/accounts/password-check";
    public const string ApplicationChallengePath = "/desk/api/accounts/application/challenge";
    public const string ApplicationPath = "/desk/api/accounts/application";
    public const string ChangeChallengePath = "/desk/api/accounts/change/challenge";
    public const string ChangePath = "/desk/api/accounts/change";

    public static IEndpointRouteBuilder MapMobileAccountApi(this IEndpointRouteBuilder endpoints)
    {
        Map<PasswordCheckRequest>(endpoints, PasswordCheckPath, (context, person, request, _, _) =>
        {
            var words = AccountApplicationHandler.PersonalWords(person).Append(request?.Email ?? "");
            var code = PasswordPolicy.Check(request?.Password, words);
            var message = code is null ? CopyDeck.Text("password.ok", context.UiLanguage()) : CopyDeck.Text(code, context.UiLanguage());
            return Task.FromResult(Results.Ok(new PasswordCheckResponse(code, message)));
        });
        Map<ApplicationRequest>(endpoints, ApplicationChallengePath, (context, person, request, services, ct) =>
            services.GetRequiredService<AccountApplicationHandler>().ChallengeAsync(context, person, request, ct));
        Map<ApplicationRequest>(endpoints, ApplicationPath, (context, person, request, services, ct) =>
            services.GetRequiredService<AccountApplicationHandler>().ApplyAsync(context, person, request, ct));
        Map<ChangeRequest>(endpoints, ChangeChallengePath, (context, person, request, services, ct) =>
            services.GetRequiredService<AccountChangeHandler>().ChallengeAsync(context, person, request, ct));
        Map<ChangeRequest>(endpoints, ChangePath, (context, person, request, services, ct) =>
            services.GetRequiredService<AccountChangeHandler>().ChangeAsync(context, person, request, ct));
        return endpoints;
    }

    private static void Map<T>(IEndpointRouteBuilder endpoints, string path, Func<HttpContext, DeskPerson, T?, IServiceProvider, CancellationToken, Task<IResult>> handle)
        where T : class
    {
        endpoints.MapPost(path, async (HttpContext context, IAntiforgery antiforgery, CancellationToken cancellationToken) =>
        {
            if (DeskPerson.From(context.User) is not { } person)
            {
                return Results.Problem(title: "Sign in with the card first.", statusCode: StatusCodes.Status401Unauthorized,
                    extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = "session.required" });
            }

            // Every account call applies or changes something: a passkey session is sent to the card (SPEC §11).
            if (!Security.Assurance.AssuranceLevels.IsCard(context.User))
            {
                return Passkeys.PasskeyCodes.Problem(Passkeys.PasskeyCodes.CardRequired);
            }

            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return AccountResults.Malformed("The antiforgery token is missing or invalid.");
            }

            var request = await JsonBody.ReadAsync<T>(context.Request, cancellationToken);
            return await handle(context, person, request, context.RequestServices, cancellationToken);
        }).DisableAntiforgery();
    }
}

public static class MobileAccountServiceCollectionExtensions
{
    public static IServiceCollection AddMobileAccounts(this IServiceCollection services)
    {
        services.AddOptions<PasswordHashingOptions>().BindConfiguration(PasswordHashingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Security.ActivationCodes.ActivationCodeOptions>().BindConfiguration(Security.ActivationCodes.ActivationCodeOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Security.RateLimiting.CardSignatureLimitOptions>().BindConfiguration(Security.RateLimiting.CardSignatureLimitOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Security.RateLimiting.CardSignatureLimiter>();
        services.AddSingleton<PasswordHasher>();
        services.AddScoped<Security.ActivationCodes.ActivationCodeService>();
        services.AddScoped<AccountApplicationHandler>();
        services.AddScoped<AccountActivationHandler>();
        services.AddScoped<AccountChangeHandler>();
        services.AddScoped<AccountPasswords>();
        return services;
    }
}
