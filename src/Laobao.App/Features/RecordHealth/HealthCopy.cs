using Laobao.App.Localization;

namespace Laobao.App.Features.RecordHealth;

/// <summary>The app's words for the record check, notices and reports, beside the feature rather than in the shared copy.</summary>
public static class HealthCopy
{
    public static IReadOnlyDictionary<string, Text> Entries { get; } = new Dictionary<string, Text>(StringComparer.Ordinal)
    {
        ["heading"] = new("投保紀錄檢查", "Record check"),
        ["months"] = new("月份", "Months"),
        ["report"] = new("回報問題", "Report a problem"),
        ["notices"] = new("通知", "Notices"),
        ["noticesNone"] = new("目前沒有新的通知。", "No new notices."),
        ["cases"] = new("我的回報", "My reports"),
        ["casesNone"] = new("您還沒有回報過問題。", "You have not reported a problem."),
        ["comment"] = new("說明（最多 2,000 字）", "What looks wrong (at most 2,000 characters)"),
        ["send"] = new("送出", "Send"),
        ["sent"] = new("已收到您的回報，案號 {0}。", "We received your report; its number is {0}."),
        ["status"] = new("狀態", "Status"),
        ["answer"] = new("回覆", "Answer"),
        ["refused"] = new("無法送出：說明不可空白、最多 2,000 字，月份請寫成 2025-05 的樣子。", "Could not send: the comment cannot be empty or longer than 2,000 characters, and months are written like 2025-05."),
    };

    public static string Get(string key, AppLanguage language) =>
        Entries.TryGetValue(key, out var text) ? text.In(language) : throw new KeyNotFoundException($"The app has no record-check text '{key}'.");

    /// <summary>Consecutive months as one range, like the e-desk shows them.</summary>
    public static string MonthRanges(IReadOnlyList<Laobao.Client.MonthView> months, AppLanguage language) =>
        Laobao.Client.MonthRanges.Join(months, language == AppLanguage.En);
}
