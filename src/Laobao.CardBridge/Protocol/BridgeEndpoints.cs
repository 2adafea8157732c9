using System.Reflection;
using Laobao.CardBridge.Cards;
using Microsoft.Extensions.Options;

namespace Laobao.CardBridge.Protocol;

/// <summary>
/// The HiPKI Local Server protocol (SPEC §4.1). Every answer is HTTP 200 with a JSON body whose
/// <c>ret_code</c> says what happened; nothing here ever answers 500.
/// </summary>
public static partial class BridgeEndpoints
{
    private const string LogCategory = "Laobao.CardBridge.Protocol";

    public static string ServerVersion { get; } =
        typeof(BridgeEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";

    public static IEndpointRouteBuilder MapHiPki(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", () => Results.Text($"Laobao.CardBridge (HiPKI Local Server protocol) version:{ServerVersion}\n", "text/plain; charset=utf-8"));
        app.MapGet("/pkcs11info", Pkcs11Info);
        app.MapPost("/sign", SignAsync);
        return app;
    }

    private static IResult Pkcs11Info(HttpContext context, ICardBackend backend, SiteAllowList sites, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(LogCategory);
        var withCertificates = string.Equals(context.Request.Query["withcert"], "true", StringComparison.OrdinalIgnoreCase);
        var caller = SiteAllowList.CallerOrigin(context.Request);
        if (!sites.Allows(caller))
        {
            LogRefusedSite(logger, caller?.GetLeftPart(UriPartial.Authority) ?? "(none)");
            return Info(HiPkiRetCodes.SiteNotAllowed, 0, [], "this site is not on the card bridge's allow-list");
        }

        try
        {
            var inventory = backend.List(withCertificates);
            var slots = inventory.Slots.Select(s => new SlotMessage(
                s.Description,
                s.Id,
                s.Token is null ? null : new TokenMessage(s.Token.SerialNumber, s.Token.Label, s.Token.Model, s.Token.Certificates?.Select(CertificateDescription.Describe).ToList()))).ToList();
            return Results.Json(new Pkcs11InfoResponse("pkcs11info", HiPkiRetCodes.Ok, 0, ServerVersion, inventory.LibraryDescription, inventory.LibraryVersion, slots), HiPkiJsonContext.Default.Pkcs11InfoResponse);
        }
        catch (CardException e)
        {
            return Info(e.RetCode, e.LastError, [], e.Message);
        }
#pragma warning disable CA1031 // The protocol answers 200 with a ret_code, never a 500, whatever the middleware does.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogUnexpected(logger, e);
            return Info(HiPkiRetCodes.ReaderInfoFailed, 0, [], "the card middleware failed while listing readers");
        }
    }

    private static async Task<IResult> SignAsync(HttpContext context, CardSigner signer, SiteAllowList sites, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(LogCategory);
        var caller = SiteAllowList.CallerOrigin(context.Request);
        if (!sites.Allows(caller))
        {
            LogRefusedSite(logger, caller?.GetLeftPart(UriPartial.Authority) ?? "(none)");
            return Signed(HiPkiRetCodes.SiteNotAllowed, 0, message: "this site is not on the card bridge's allow-list");
        }

        try
        {
            if (!context.Request.HasFormContentType)
            {
                throw new CardException(HiPkiRetCodes.BadParameter, "send tbsPackage as a form field (application/x-www-form-urlencoded)");
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var request = SignRequest.Parse(form["tbsPackage"].ToString());
            var signature = signer.Sign(request);
            LogSigned(logger, signature.CardSerialNumber, caller!.GetLeftPart(UriPartial.Authority));
            return Signed(
                HiPkiRetCodes.Ok,
                0,
                Convert.ToBase64String(signature.Signature),
                Convert.ToBase64String(signature.Certificate.RawData),
                request.WithCardSerialNumber ? signature.CardSerialNumber : string.Empty);
        }
        catch (CardException e)
        {
            LogRefused(logger, e.RetCode, e.LastError, e.Message);
            return Signed(e.RetCode, e.LastError, message: e.Message);
        }
        catch (InvalidDataException)
        {
            return Signed(HiPkiRetCodes.BadParameter, 0, message: "the form is too large or malformed");
        }
#pragma warning disable CA1031 // The protocol answers 200 with a ret_code, never a 500, whatever the middleware does.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogUnexpected(logger, e);
            return Signed(HiPkiRetCodes.SigningFailed, 0, message: "the card failed while signing");
        }
    }

    private static IResult Info(int retCode, int lastError, IReadOnlyList<SlotMessage> slots, string message) =>
        Results.Json(new Pkcs11InfoResponse("pkcs11info", retCode, lastError, ServerVersion, string.Empty, string.Empty, slots, message), HiPkiJsonContext.Default.Pkcs11InfoResponse);

    private static IResult Signed(int retCode, int lastError, string signature = "", string certificate = "", string cardSerial = "", string? message = null) =>
        Results.Json(new SignResponse("sign", retCode, lastError, signature, certificate, cardSerial, message), HiPkiJsonContext.Default.SignResponse);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Refused a request from {Origin}: not on the allow-list")]
    private static partial void LogRefusedSite(ILogger logger, string origin);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Card {CardSerial} signed for {Origin}")]
    private static partial void LogSigned(ILogger logger, string cardSerial, string origin);

    // The exception never carries the PIN or the text: neither is put into an exception message.
    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Card operation failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Signing refused: ret_code {RetCode:X8}, last_error {LastError}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int retCode, int lastError, string reason);
}
