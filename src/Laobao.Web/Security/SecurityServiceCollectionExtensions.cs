using Laobao.Web.Features.CardLogin;
using Laobao.Web.Security.Audit;
using Laobao.Web.Security.Cards;
using Laobao.Web.Security.Challenges;
using Laobao.Web.Security.RateLimiting;
using Laobao.Web.Security.Sessions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Card sign-in, e-desk sessions, antiforgery, rate limits and audit, with options validated at start.</summary>
    public static IServiceCollection AddDeskSecurity(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<DeskOptions>().BindConfiguration(DeskOptions.Section).ValidateDataAnnotations()
            .Validate(o => DeskOptions.IsAcceptableOrigin(o.Origin), "Desk:Origin must be a bare https origin such as https://desk.example.tw (no path, no trailing slash); plain http only on 127.0.0.1 or localhost.")
            .Validate(o => DeskOptions.IsOrigin(o.CardBridgeOrigin), "Desk:CardBridgeOrigin must be a bare origin such as http://127.0.0.1:61161.")
            .ValidateOnStart();
        services.AddOptions<CardTrustOptions>().BindConfiguration(CardTrustOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SignInLimitOptions>().BindConfiguration(SignInLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DeskSessionOptions>().BindConfiguration(DeskSessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<CardTrustAnchors>();
        services.AddHostedService<CardTrustStartupCheck>();
        services.AddSingleton<OcspClient>();
        services.AddSingleton<CrlCache>();
        services.AddSingleton<CardCertificateValidator>();
        services.AddScoped<ChallengeService>();
        services.AddSingleton<OncePerMinute<ChallengeService>>();
        services.AddScoped<CardSignatureVerifier>();
        services.AddScoped<SignInLimiter>();
        services.AddScoped<AuditService>();
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditWriter>());
        services.AddScoped<CardLoginHandler>();

        // Keys for session and antiforgery cookies are shared by every node through the database.
        services.AddDataProtection().SetApplicationName("Laobao");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((options, scopes) => options.XmlRepository = new DatabaseXmlRepository(scopes));

        services.AddAntiforgery(options =>
        {
            options.HeaderName = "RequestVerificationToken";
            options.FormFieldName = "__RequestVerificationToken";
            options.Cookie = new AlwaysSecureCookieBuilder
            {
                Name = "__Host-laobao-af",
                Path = "/",
                SameSite = SameSiteMode.Strict,
                HttpOnly = true,
                IsEssential = true,
            };
        });

        services.AddSingleton<DatabaseTicketStore>();
        services.AddAuthentication(DeskClaims.Scheme).AddCookie(DeskClaims.Scheme, options =>
        {
            options.Cookie.Name = "__Host-laobao-desk";
            options.Cookie.Path = "/";
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
            options.Cookie.IsEssential = true;
            options.SlidingExpiration = true;
            options.LoginPath = "/desk/login";
            options.LogoutPath = CardLoginApi.LogoutPath;
            options.AccessDeniedPath = "/desk/login";
        });
        services.AddOptions<CookieAuthenticationOptions>(DeskClaims.Scheme)
            .Configure<DatabaseTicketStore, IOptions<DeskSessionOptions>>((options, store, sessions) =>
            {
                options.SessionStore = store;
                options.ExpireTimeSpan = sessions.Value.IdleTimeout;
            });
        services.AddAuthorization();
        return services;
    }
}
