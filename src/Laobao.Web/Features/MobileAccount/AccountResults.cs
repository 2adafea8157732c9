using Laobao.Web.Security;
using Laobao.Web.Security.Cards;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>Problem documents of the account endpoints: the stable <c>code</c>, and per-field codes for the form.</summary>
public static class AccountResults
{
    public static IResult Problem(string code, string title, IReadOnlyDictionary<string, string>? errors = null)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = code };
        if (errors is not null)
        {
            extensions["errors"] = errors;
        }

        return Results.Problem(title: title, statusCode: StatusFor(code), type: "urn:laobao:problem:" + code, extensions: extensions);
    }

    public static int StatusFor(string code) => code switch
    {
        AccountCodes.Invalid or AccountCodes.ActionUnknown => StatusCodes.Status400BadRequest,
        AccountCodes.TermsRequired or AccountCodes.Exists or AccountCodes.EmailTaken or AccountCodes.NotActive => StatusCodes.Status409Conflict,
        AccountCodes.NotFound => StatusCodes.Status404NotFound,
        AccountCodes.SigningLimited => StatusCodes.Status429TooManyRequests,
        _ => ProblemResults.StatusFor(code),
    };

    public static IResult Malformed(string title) => Problem(CardCheckCodes.RequestMalformed, title);

    /// <summary>
    /// Refused before any card work: <c>retryAt</c> is the time to try again as the person reads it (Taiwan time, both
    /// calendars, rounded up to the minute so it is never early), <c>retryAtUtc</c> the same instant for programs.
    /// </summary>
    public static IResult SigningLimited(DateTimeOffset until)
    {
        var minute = TimeSpan.TicksPerMinute;
        var rounded = new DateTime((until.UtcTicks + minute - 1) / minute * minute, DateTimeKind.Utc);
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["code"] = AccountCodes.SigningLimited,
            ["retryAt"] = TaiwanTime.Format(rounded),
            ["retryAtUtc"] = new DateTimeOffset(rounded),
        };
        return Results.Problem(
            title: "Too many failed card signatures; try again later.",
            statusCode: StatusCodes.Status429TooManyRequests,
            type: "urn:laobao:problem:" + AccountCodes.SigningLimited,
            extensions: extensions);
    }
}
