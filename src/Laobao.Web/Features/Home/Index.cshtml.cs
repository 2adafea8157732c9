using System.Globalization;
using System.Security.Claims;
using Laobao.Domain.Dates;
using Laobao.Web.Localization;
using Laobao.Web.Security.Audit;
using Laobao.Web.Security.Sessions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Laobao.Web.Features.Home;

/// <summary>The e-desk home: the welcome for visitors; once signed in with the card, the person, the menu and their recent activity.</summary>
public sealed class IndexModel(AuditService audit) : PageModel
{
    /// <summary>Taiwan keeps UTC+8 all year; a fixed offset needs no time-zone database.</summary>
    private static readonly TimeSpan TaiwanOffset = TimeSpan.FromHours(8);

    public bool SignedIn { get; private set; }

    public string Name { get; private set; } = "";

    public string MaskedId { get; private set; } = "";

    public IReadOnlyList<ActivityRow> Activity { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        SignedIn = User.Identity?.IsAuthenticated == true;
        Name = User.FindFirstValue(DeskClaims.Name) ?? "";
        MaskedId = User.FindFirstValue(DeskClaims.Masked) ?? "";
        if (SignedIn && User.FindFirstValue(DeskClaims.IdNumber) is { } idNumber)
        {
            var language = HttpContext.UiLanguage();
            var records = await audit.RecentForAsync(idNumber, 10, cancellationToken);
            Activity = [.. records.Select(r => ToRow(r, language))];
        }
    }

    private static ActivityRow ToRow(AuditRecord record, UiLanguage language)
    {
        var local = new DateTimeOffset(DateTime.SpecifyKind(record.At, DateTimeKind.Utc)).ToOffset(TaiwanOffset);
        var when = RocDate.FormatBoth(DateOnly.FromDateTime(local.DateTime)) + " " + local.ToString("HH:mm", CultureInfo.InvariantCulture);
        var action = CopyDeck.Entries.TryGetValue("activity." + record.Action, out var label)
                || Statements.StatementCopy.Entries.TryGetValue("activity." + record.Action, out label) ? label.In(language) : record.Action;
        var outcome = record.Outcome == "ok"
            ? CopyDeck.Text("activityOk", language)
            : string.Format(CultureInfo.InvariantCulture, CopyDeck.Text("activityRefused", language), record.Outcome);
        return new ActivityRow(when, action, outcome, record.ClientAddress ?? "");
    }
}

public sealed record ActivityRow(string When, string Action, string Outcome, string From);
