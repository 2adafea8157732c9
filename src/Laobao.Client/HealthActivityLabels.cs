namespace Laobao.Client;

/// <summary>Activity sentences of record health, cases, staff and alerts (SPEC §12), kept beside the shared table.</summary>
public static class HealthActivityLabels
{
    public static IReadOnlyDictionary<string, ActivityLabels.Label> Actions { get; } = new Dictionary<string, ActivityLabels.Label>(StringComparer.Ordinal)
    {
        ["health-view"] = new("查看投保紀錄檢查", "Looked at the record check"),
        ["case-report"] = new("回報紀錄問題", "Reported a problem with the record"),
        ["staff-case-view"] = new("勞保局人員為您的回報查看了案件與紀錄", "Bureau staff looked at your report and record for your case"),
        ["staff-record-view"] = new("勞保局人員為您的回報查看了投保紀錄", "Bureau staff looked at your record for your case"),
        ["staff-case-answer"] = new("勞保局人員回覆了您的回報", "Bureau staff answered your report"),
        ["staff-case-list"] = new("查看回報案件清單（勞保局人員）", "Looked at the list of reported problems (bureau staff)"),
        ["staff-refused"] = new("無人員權限，拒絕進入人員頁面", "Refused: the staff pages need the staff role"),
        ["alert-mail-off"] = new("關閉紀錄異動通知信", "Turned mail alerts off"),
        ["alert-mail-on"] = new("開啟紀錄異動通知信", "Turned mail alerts on"),
    };

    public static IReadOnlyDictionary<string, ActivityLabels.Label> Outcomes { get; } = new Dictionary<string, ActivityLabels.Label>(StringComparer.Ordinal)
    {
        ["not-staff"] = new("沒有人員權限", "Not staff"),
        ["no-case"] = new("當事人沒有回報案件", "The person has no case"),
    };
}
