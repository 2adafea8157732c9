using System.Security.Claims;
using Laobao.Web.Features.Passkeys;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Laobao.Web.Security.Assurance;

/// <summary>
/// Tiered assurance (SPEC §11): how the person proved who they are in this session. A card session (the Citizen
/// Digital Certificate) may do everything; a passkey session may read, and is sent to the card for anything that
/// changes the account or needs a signature.
/// </summary>
public static class AssuranceLevels
{
    public const string ClaimType = "laobao:assurance";
    public const string Card = "card";
    public const string Passkey = "passkey";

    /// <summary>The session's level, or null when it carries none (then it grants nothing).</summary>
    public static string? Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimType) : null;
    }

    public static bool IsCard(ClaimsPrincipal user) => Of(user) == Card;

    public static bool IsPasskeyOrBetter(ClaimsPrincipal user) => Of(user) is Card or Passkey;
}

public static class AssurancePolicies
{
    /// <summary>Inquiries, estimates, statements, my data, devices, activity: a passkey is enough.</summary>
    public const string PasskeyOrBetter = "assurance:passkey";

    /// <summary>Apply, change email/mobile/password, close, link a phone, add a passkey: the card, now.</summary>
    public const string Card = "assurance:card";

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var passkey = new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
            .AddRequirements(new AssuranceRequirement(AssuranceLevels.Card, AssuranceLevels.Passkey)).Build();
        options.AddPolicy(PasskeyOrBetter, passkey);
        // A bare [Authorize] (every signed-in e-desk page) means passkey or better.
        options.DefaultPolicy = passkey;
        options.AddPolicy(Card, new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
            .AddRequirements(new AssuranceRequirement(AssuranceLevels.Card)).Build());
    }
}

/// <summary>The session's assurance level must be one of <see cref="Levels"/>.</summary>
public sealed class AssuranceRequirement(params string[] levels) : AuthorizationHandler<AssuranceRequirement>, IAuthorizationRequirement
{
    public IReadOnlyList<string> Levels { get; } = levels;

    public bool RequiresCard => Levels.Count == 1 && Levels[0] == AssuranceLevels.Card;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AssuranceRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        if (AssuranceLevels.Of(context.User) is { } level && requirement.Levels.Contains(level))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// A signed-in person whose session is not strong enough for a card-only step: a page sends them to the card sign-in
/// with the reason and the way back; a JSON call gets the problem document <c>assurance.card-required</c>.
/// Everything else is answered as the default handler does.
/// </summary>
public sealed class AssuranceResultHandler : IAuthorizationMiddlewareResultHandler
{
    public const string LoginPath = "/desk/login";
    public const string ReasonCardRequired = "card-required";

    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        var needsCard = authorizeResult.Forbidden
            && AssuranceLevels.IsPasskeyOrBetter(context.User)
            && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<AssuranceRequirement>().Any(r => r.RequiresCard) == true;
        if (!needsCard)
        {
            await fallback.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        if (IsJsonCall(context.Request))
        {
            await PasskeyCodes.Problem(PasskeyCodes.CardRequired).ExecuteAsync(context);
            return;
        }

        context.Response.Redirect(CardLoginUrl(context.Request));
    }

    /// <summary>The card sign-in with the reason and the local address to come back to.</summary>
    public static string CardLoginUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var back = request.PathBase + request.Path + request.QueryString;
        return $"{LoginPath}?reason={ReasonCardRequired}&returnUrl={Uri.EscapeDataString(back)}";
    }

    public static bool IsJsonCall(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/desk/api", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A return address the login page may follow: a local e-desk or staff page path, never another site.</summary>
    public static string? SafeReturnUrl(string? value) =>
        value is { Length: > 1 and < 512 } && (value.StartsWith("/desk", StringComparison.Ordinal) || value.StartsWith("/staff", StringComparison.Ordinal))
            && !value.StartsWith("//", StringComparison.Ordinal)
            && !value.Contains('\\', StringComparison.Ordinal) && !value.StartsWith("/desk/api", StringComparison.Ordinal)
            ? value
            : null;
}
