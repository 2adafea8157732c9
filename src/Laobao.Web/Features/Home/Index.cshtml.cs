using System.Globalization;
using System.Security.Claims;
using Laobao.Domain.Dates;
using Laobao.Web.Localization;
using Laobao.Web.Security.Audit;
using Laobao.Web.Security.Sessions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Home;

/// <summary>The e-desk home: the welcome for visitors; once signed in with the card, the person, the menu and their recent activity.</summary>
public sealed class IndexModel(AuditService audit, Laobao.Web.Data.LaobaoDbContext db) : PageModel
{
    /// <summary>Taiwan keeps UTC+8 all year; a fixed offset needs no time-zone database.</summary>
    private static readonly TimeSpan TaiwanOffset = TimeSpan.FromHours(8);

    public bool SignedIn { get; private set; }

    public string Name { get; private set; } = "";

    public string MaskedId { get; private set; } = "";

    /// <summary>How this session was signed in (SPEC §11): <c>card</c> or <c>passkey</c>.</summary>
    public string Assurance { get; private set; } = "";

    public IReadOnlyList<ActivityRow> Activity { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        SignedIn = User.Identity?.IsAuthenticated == true;
        Name = User.FindFirstValue(DeskClaims.Name) ?? "";
        MaskedId = User.FindFirstValue(DeskClaims.Masked) ?? "";
        Assurance = Laobao.Web.Security.Assurance.AssuranceLevels.Of(User) ?? "";
        if (SignedIn && User.FindFirstValue(DeskClaims.IdNumber) is { } idNumber)
        {
            var language = HttpContext.UiLanguage();
            // The record has the name in both scripts where the person has a Latin one (issue 14, item 16).
            var names = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
                db.Persons.Where(p => p.IdNumber == idNumber).Select(p => new { p.Name, p.NameLatin }), cancellationToken);
            if (names is not null)
            {
                Name = Laobao.Client.PersonNames.Both(names.Name, names.NameLatin, language == UiLanguage.En);
            }
            var records = await audit.RecentForAsync(idNumber, 10, cancellationToken);
            Activity = [.. records.Select(r => ToRow(r, language))];
        }
    }

    private static ActivityRow ToRow(AuditRecord record, UiLanguage language)
    {
        var local = new DateTimeOffset(DateTime.SpecifyKind(record.At, DateTimeKind.Utc)).ToOffset(TaiwanOffset);
        var when = RocDate.FormatBoth(DateOnly.FromDateTime(local.DateTime)) + " " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
        var english = language == UiLanguage.En;
        var action = Laobao.Client.ActivityLabels.Action(record.Action, english);
        var outcome = Laobao.Client.ActivityLabels.Outcome(record.Outcome, english);
        return new ActivityRow(when, action, outcome, record.ClientAddress ?? "");
    }
}

public sealed record ActivityRow(string When, string Action, string Outcome, string From);
