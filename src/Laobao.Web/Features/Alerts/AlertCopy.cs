using Laobao.Web.Localization;

namespace Laobao.Web.Features.Alerts;

/// <summary>The words of record alerts and notices (SPEC §12), both languages, beside the feature.</summary>
public static class AlertCopy
{
    public static readonly BilingualText Notices = new("通知", "Notices");
    public static readonly BilingualText NoneNew = new("目前沒有新的通知。", "No new notices.");
    public static readonly BilingualText Seen = new("我知道了", "Mark as read");
    public static readonly BilingualText MailOn = new("紀錄異動時寄通知信給我", "Mail me when my record changes");
    public static readonly BilingualText MailIsOn = new("紀錄異動通知信：開啟", "Mail alerts: on");
    public static readonly BilingualText MailIsOff = new("紀錄異動通知信：關閉", "Mail alerts: off");
    public static readonly BilingualText TurnOff = new("關閉通知信", "Turn mail alerts off");
    public static readonly BilingualText TurnOn = new("開啟通知信", "Turn mail alerts on");
    public static readonly BilingualText NoAccount = new("通知信寄到行動服務帳號的電子郵件；啟用帳號後才會寄出。", "Alert mail goes to the email of your mobile services account, once it is activated.");
    public static readonly BilingualText Check = new("請查看「投保資料查詢」；如有不符，請先詢問雇主，再按「回報問題」。", "Look at \"Check coverage info\"; if something is not right, ask your employer first, then use \"Report a problem\".");

    public static readonly IReadOnlyList<(AlertChanges Change, string Word, BilingualText Text)> Changes =
    [
        (AlertChanges.Enrolled, "enrolled", new("加保", "you were enrolled")),
        (AlertChanges.Withdrawn, "withdrawn", new("退保", "you were withdrawn")),
        (AlertChanges.SalaryChanged, "salary-changed", new("投保薪資調整", "your insured salary changed")),
        (AlertChanges.PensionMonthMissing, "pension-month-missing", new("有月份未提繳勞工退休金", "a labour-pension month is missing")),
    ];

    public static string Words(AlertChanges changes) =>
        string.Join(',', Changes.Where(c => changes.HasFlag(c.Change)).Select(c => c.Word));

    /// <summary>Change words (comma-joined) as one phrase in each language.</summary>
    public static BilingualText Describe(string words)
    {
        var set = words.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var picked = Changes.Where(c => set.Contains(c.Word)).Select(c => c.Text).ToList();
        return new(string.Join("、", picked.Select(p => p.ZhTw)), string.Join("; ", picked.Select(p => p.En)));
    }

    public static BilingualText Describe(AlertChanges changes) => Describe(Words(changes));
}
