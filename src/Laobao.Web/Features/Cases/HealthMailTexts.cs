using Laobao.Web.Features.Alerts;
using Laobao.Web.Localization;
using Laobao.Web.Mail;

namespace Laobao.Web.Features.Cases;

/// <summary>
/// The words of the case and alert mails (SPEC §12). Mails never carry the comment, the answer or figures of the
/// record: they say what happened and where to read it after signing in.
/// </summary>
public static class HealthMailTexts
{
    public static (BilingualText Subject, BilingualText Body) For(MailTemplate template, Func<string, string> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (template == MailTemplate.CaseStatus)
        {
            var status = CaseCopy.Status(value("status"));
            var number = value("number");
            return (
                new($"回報案件 {number}：{status.ZhTw}", $"report {number}: {status.En}"),
                new(
                    $"您回報的問題（案號 {number}）目前狀態：{status.ZhTw}。\r\n\r\n請以自然人憑證登入 e 化服務櫃台「個人查詢」→「我的回報」，或在手機 App 查看處理經過與回覆。",
                    $"Your report (number {number}) is now: {status.En}.\r\n\r\nSign in to the e-desk with your card and open \"Individual inquiry\" → \"My reports\", or open the app, to read its history and the answer."));
        }

        var changes = AlertCopy.Describe(value("changes"));
        return (
            new("您的投保紀錄有異動", "your insurance record changed"),
            new(
                $"{value("day")} 匯入的資料變更了您的紀錄：{changes.ZhTw}。\r\n\r\n請登入 e 化服務櫃台「投保資料查詢」或手機 App 查看；如果與事實不符，請先詢問雇主，再按「回報問題」。\r\n\r\n不想再收到這類通知信，可在 e 化服務櫃台「通知」關閉。",
                $"Data imported on {value("day")} changed your record: {changes.En}.\r\n\r\nSign in to the e-desk (\"Check coverage info\") or open the app to see it; if it is not right, ask your employer first, then use \"Report a problem\".\r\n\r\nTo stop these mails, turn them off under \"Notices\" on the e-desk."));
    }
}
