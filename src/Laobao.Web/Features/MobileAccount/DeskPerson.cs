using System.Globalization;
using System.Security.Claims;
using Laobao.Domain.Dates;
using Laobao.Web.Security.Sessions;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>The person signed in to the e-desk with the card, as the session's claims tell.</summary>
public sealed record DeskPerson(string IdNumber, string Name, string Masked)
{
    public static DeskPerson? From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(DeskClaims.IdNumber);
        return user.Identity?.IsAuthenticated == true && id is not null
            ? new DeskPerson(id, user.FindFirstValue(DeskClaims.Name) ?? "", user.FindFirstValue(DeskClaims.Masked) ?? "")
            : null;
    }
}

/// <summary>Times as a person in Taiwan reads them: Taiwan time (UTC+8, no daylight saving), both calendars.</summary>
public static class TaiwanTime
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static string Format(DateTime utc)
    {
        var local = new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(Offset);
        return RocDate.FormatBoth(DateOnly.FromDateTime(local.DateTime)) + " " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
    }
}
