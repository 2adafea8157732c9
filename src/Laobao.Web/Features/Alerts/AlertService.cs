using Laobao.Client;
using Laobao.Web.Data;
using Laobao.Web.Features.Inquiry;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Features.Alerts;

/// <summary>A person's record alert notices and their mail choice (SPEC §12), for the e-desk and the app.</summary>
public sealed class AlertService(LaobaoDbContext db, RequestAudit audit, TimeProvider time)
{
    public const int NoticeDays = 90;

    /// <summary>Notices of the last <see cref="NoticeDays"/> days, newest first.</summary>
    public async Task<NoticesView> NoticesAsync(string idNumber, UiLanguage language, CancellationToken cancellationToken)
    {
        var from = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-NoticeDays);
        var alerts = await db.Set<RecordAlert>().AsNoTracking()
            .Where(a => a.IdNumber == idNumber && a.Day >= from)
            .OrderByDescending(a => a.Day).Take(50).ToListAsync(cancellationToken);
        var notices = alerts.Select(a =>
        {
            var changes = (AlertChanges)a.Changes;
            var words = AlertCopy.Words(changes);
            var text = AlertCopy.Describe(changes);
            var sentence = language == UiLanguage.En
                ? $"On {RocDateBoth(a.Day)} an import changed your record: {text.En}. {AlertCopy.Check.En}"
                : $"{RocDateBoth(a.Day)} 匯入的資料變更了您的紀錄：{text.ZhTw}。{AlertCopy.Check.ZhTw}";
            return new NoticeView(InquiryFormat.Date(a.Day), [.. words.Split(',', StringSplitOptions.RemoveEmptyEntries)], sentence, a.SeenAt is not null);
        }).ToList();
        return new NoticesView(notices, await MailAlertsAsync(idNumber, cancellationToken));
    }

    public async Task MarkSeenAsync(string idNumber, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var alert in await db.Set<RecordAlert>().Where(a => a.IdNumber == idNumber && a.SeenAt == null).ToListAsync(cancellationToken))
        {
            alert.SeenAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>On unless the person turned it off (SPEC §12: default on for activated accounts).</summary>
    public async Task<bool> MailAlertsAsync(string idNumber, CancellationToken cancellationToken) =>
        await db.Set<AlertPreference>().AsNoTracking().Where(p => p.IdNumber == idNumber).Select(p => (bool?)p.MailAlerts).FirstOrDefaultAsync(cancellationToken) ?? true;

    public async Task SetMailAlertsAsync(string idNumber, bool on, CancellationToken cancellationToken)
    {
        var preference = await db.Set<AlertPreference>().FirstOrDefaultAsync(p => p.IdNumber == idNumber, cancellationToken);
        if (preference is null)
        {
            db.Set<AlertPreference>().Add(preference = new AlertPreference { IdNumber = idNumber });
        }

        preference.MailAlerts = on;
        preference.ChangedAt = time.GetUtcNow().UtcDateTime;
        await audit.RecordAsync(on ? "alert-mail-on" : "alert-mail-off", "ok", idNumber, cancellationToken);
    }

    private static string RocDateBoth(DateOnly day) => Domain.Dates.RocDate.FormatBoth(day);
}
