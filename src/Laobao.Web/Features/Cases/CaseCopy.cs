using Laobao.Domain.RecordHealth;
using Laobao.Web.Localization;

namespace Laobao.Web.Features.Cases;

/// <summary>The words of "report a problem" and of cases, both languages, beside the feature.</summary>
public static class CaseCopy
{
    public static BilingualText Status(string status) => status switch
    {
        CaseStatuses.Received => new("已收件", "received"),
        CaseStatuses.InReview => new("審查中", "in review"),
        CaseStatuses.Answered => new("已回覆", "answered"),
        CaseStatuses.Corrected => new("已更正", "corrected"),
        _ => new("未知", "unknown"),
    };

    public static BilingualText Topic(string topic) => topic switch
    {
        CaseTopics.Period => new("投保期間", "A period of cover"),
        CaseTopics.Month => new("某個月份", "A month"),
        _ => RecordHealth.HealthCopy.Title(topic) is var t ? new(t.ZhTw, t.En) : new("", ""),
    };

    public static readonly BilingualText Title = new("回報問題", "Report a problem");
    public static readonly BilingualText Mine = new("我的回報", "My reports");
    public static readonly BilingualText None = new("您還沒有回報過問題。", "You have not reported a problem.");
    public static readonly BilingualText Intro = new(
        "如果您的投保或退休金紀錄看起來不對，請說明哪裡不對；勞保局人員會查核並回覆，每一步都會寄信通知您。請先向雇主詢問，許多問題雇主即可更正。",
        "If your insurance or pension record looks wrong, tell us what looks wrong; bureau staff will check it and answer, and you get a mail at every step. Ask your employer first: many things the employer can correct.");
    public static readonly BilingualText TopicLabel = new("關於", "About");
    public static readonly BilingualText UnitLabel = new("投保單位代號（9 碼，可不填）", "Insured unit code (9 digits, optional)");
    public static readonly BilingualText FromLabel = new("從哪個月（西元年-月，如 2025-05）", "From month (year-month, e.g. 2025-05)");
    public static readonly BilingualText ToLabel = new("到哪個月（可不填）", "To month (optional)");
    public static readonly BilingualText CommentLabel = new("說明（最多 2,000 字）", "What looks wrong (at most 2,000 characters)");
    public static readonly BilingualText Send = new("送出回報", "Send the report");
    public static readonly BilingualText Number = new("案號", "Number");
    public static readonly BilingualText StatusLabel = new("狀態", "Status");
    public static readonly BilingualText Reported = new("回報日期", "Reported");
    public static readonly BilingualText Months = new("月份", "Months");
    public static readonly BilingualText Comment = new("您的說明", "Your words");
    public static readonly BilingualText Answer = new("勞保局回覆", "The bureau's answer");
    public static readonly BilingualText NoAnswer = new("尚未回覆。", "No answer yet.");
    public static readonly BilingualText History = new("處理經過", "History");
    public static readonly BilingualText ByYou = new("您", "you");
    public static readonly BilingualText ByStaff = new("勞保局人員", "bureau staff");
    public static readonly BilingualText Received = new("已收到您的回報，案號 {0}。我們會寄信通知您每一步的處理情形。", "We received your report; its number is {0}. You will get a mail at every step.");
    public static readonly BilingualText NewReport = new("回報新的問題", "Report a new problem");

    public static bool IsTopic(string? topic) => topic is CaseTopics.Period or CaseTopics.Month || HealthCodes.All.Contains(topic);
}

public static class CaseTopics
{
    public const string Period = "period";
    public const string Month = "month";
}
