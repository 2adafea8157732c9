using Laobao.Web.Localization;

namespace Laobao.Web.Features.Staff;

/// <summary>The words of the staff pages, both languages.</summary>
public static class StaffCopy
{
    public static readonly BilingualText Title = new("回報案件（勞保局人員）", "Reported problems (bureau staff)");
    public static readonly BilingualText OpenOnes = new("處理中（已收件、審查中）", "Open (received, in review)");
    public static readonly BilingualText Filter = new("篩選", "Filter");
    public static readonly BilingualText NoCases = new("沒有符合的案件。", "No cases match.");
    public static readonly BilingualText Record = new("當事人看到的投保紀錄", "The record as the person sees it");
    public static readonly BilingualText AnswerLabel = new("回覆內容", "Answer");
    public static readonly BilingualText Corrected = new("紀錄已更正", "The record was corrected");
    public static readonly BilingualText SendAnswer = new("送出回覆", "Send the answer");
    public static readonly BilingualText Audited = new("您查看此案件與紀錄的每一次都會記錄，當事人可在活動紀錄中看到。", "Every time you look at this case or record is logged, and the person sees it in their activity history.");
    public static readonly BilingualText Person = new("當事人", "Person");
}
