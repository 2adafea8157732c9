using System.Text.Encodings.Web;
using System.Text.Unicode;
using Laobao.Web.Data;
using Laobao.Web.Features.CardLogin;
using Laobao.Web.Features.Demo;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Features.Alerts;
using Laobao.Web.Features.Cases;
using Laobao.Web.Features.RecordHealth;
using Laobao.Web.Features.Passkeys;
using Laobao.Web.Features.Statements;
using Laobao.Web.Localization;
using Laobao.Web.Mail;
using Laobao.Web.Operations;
using Laobao.Web.Operations.Health;
using Laobao.Web.Operations.Outage;
using Laobao.Web.Operations.Telemetry;
using Laobao.Web.Security;
using Laobao.Web.Security.Sessions;

var builder = WebApplication.CreateBuilder(LaobaoHost.Options(args));
builder.RefuseIncompleteProductionSettings();
builder.AddDemoHosting();

builder.Services.AddRazorPages(options => options.RootDirectory = "/Features");
// Chinese text is written as characters, not as numeric entities: screen readers, search and tests read it as is.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
    options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<Ui>();
builder.Services.AddHealthChecks();
builder.Services.AddLaobaoDatabase(builder.Configuration);
builder.Services.AddDeskSecurity();
builder.AddDataProtectionKeyEncryption();
builder.Services.AddMobileAccounts();
builder.Services.AddLaobaoMail(builder.Configuration);
builder.Services.AddMobileApi();
builder.Services.AddLaobaoOperations(builder.Configuration);
builder.Services.AddStatements();
builder.Services.AddRecordHealth();
builder.Services.AddPasskeys();
builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));

var app = builder.Build();
app.MigrateDatabaseIfConfigured();
// First: every later step sees the client's address only as far as a known balancer vouches for it.
app.UseTrustedProxies();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
}

app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseStoreOutageAnswers();
app.UseLaobaoTelemetry();
// The mobile app (Laobao.App) under /app: framework files with their MIME types and precompressed variants.
app.UseBlazorFrameworkFiles("/app");
app.UseStaticFiles();
app.UseMiddleware<LanguageMiddleware>();
// An unknown e-desk address gets the site's own not-found page in both languages, not the browser's bare 404; the
// desk's JSON API and the mobile API keep their own answers.
app.UseWhen(
    context => HttpMethods.IsGet(context.Request.Method)
        && context.Request.Path.StartsWithSegments("/desk", StringComparison.OrdinalIgnoreCase)
        && !context.Request.Path.StartsWithSegments("/desk/api", StringComparison.OrdinalIgnoreCase),
    desk => desk.UseStatusCodePagesWithReExecute(Laobao.Web.Features.Shared.NotFoundModel.PagePath));
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/", () => Results.Redirect("/desk"));
app.MapLaobaoHealth();
// Browsers ask for /favicon.ico whatever the page says; the icon is an SVG.
app.MapGet("/favicon.ico", () => Results.Redirect("/favicon.svg", permanent: true));
app.MapCardLoginApi();
app.MapMobileAccountApi();
app.MapDeviceLinkingDeskApi();
app.MapMobileApi();
app.MapStatementsApi();
app.MapHealthApi();
app.MapCasesApi();
app.MapAlertsApi();
app.MapPasskeysDeskApi();
app.MapPasskeysAppApi();
app.MapApiDocsIfEnabled();
app.MapDemoCrls();
app.MapRazorPages();
// Deep links of the app (/app/coverage …) start the app shell; files that do not exist stay 404.
app.MapFallbackToFile("/app/{*path:nonfile}", "app/index.html");

app.RunLaobao();

/// <summary>Entry point, public so integration tests can host it.</summary>
public partial class Program;
