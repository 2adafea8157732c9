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
    public static readonly BilingualText NotStaffTitle = new("此頁只限勞保局人員使用", "For bureau staff only");
    public static readonly BilingualText NotStaffBody = new("您的自然人憑證沒有人員權限，不能查看回報案件。如果您是勞保局人員，請洽系統管理者以 laobao staff grant 授予權限。", "Your card does not hold the staff role, so it cannot open reported problems. If you are bureau staff, ask the operator to grant the role with laobao staff grant.");
    public static readonly BilingualText NoCaseTitle = new("沒有回報案件，不能查看紀錄", "No case, so no record");
    public static readonly BilingualText NoCaseBody = new("只有在當事人回報問題後，勞保局人員才能查看其投保紀錄；這次查看已被拒絕並記錄。", "Staff can read a record only when its person has reported a problem; this look was refused and logged.");
}
