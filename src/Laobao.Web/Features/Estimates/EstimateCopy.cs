using Laobao.Web.Localization;

namespace Laobao.Web.Features.Estimates;

/// <summary>The words of the 試算 / Estimates page, beside the feature rather than in the shared copy deck.</summary>
public static class EstimateCopy
{
    private static readonly Dictionary<string, (string Zh, string En)> Entries = new(StringComparer.Ordinal)
    {
        ["title"] = ("試算", "Estimates"),
        ["menu"] = ("老年給付試算", "Old-age estimates"),
        ["intro"] = ("依您本人的勞工保險紀錄試算老年給付，並推估勞工退休金個人專戶；每個數字都附計算方式。試算僅供參考，實際金額以勞動部勞工保險局核定為準。", "An estimate of your old-age benefit from your own labour-insurance record, and a projection of your labour-pension account; each figure shows how it was worked out. Estimates are for guidance only: the Bureau of Labor Insurance decides the actual amounts."),
        ["asOf"] = ("試算基準日", "Record as of"),
        ["seniority"] = ("保險年資", "Seniority"),
        ["days"] = ("日", "days"),
        ["insuredYears"] = ("保險年資 Y（年）", "Insured years Y"),
        ["average"] = ("平均月投保薪資 S", "Average monthly insured salary S"),
        ["legalAge"] = ("法定請領年齡", "Legal claim age"),
        ["scenario"] = ("試算條件", "Your choices"),
        ["claimAge"] = ("請領年齡", "Claim age"),
        ["workUntil"] = ("繼續工作至（歲，可空白）", "Keep working until age (optional)"),
        ["salary"] = ("繼續工作的月薪資（新臺幣元，可空白）", "Monthly salary while working on (NT$, optional)"),
        ["voluntaryRate"] = ("個人自願提繳率（0–6%）", "Your voluntary pension rate (0–6 %)"),
        ["assumedReturn"] = ("假設年投資報酬率（%，空白為保證收益）", "Assumed yearly return (%, empty for the guaranteed minimum)"),
        ["recalculate"] = ("重新試算", "Recalculate"),
        ["annuity"] = ("老年年金（每月）", "Old-age annuity (monthly)"),
        ["atAge"] = ("於 {0} 歲請領", "Claimed at {0}"),
        ["byAge"] = ("各請領年齡的月領金額", "Monthly amount by claim age"),
        ["age"] = ("年齡", "Age"),
        ["percent"] = ("比例", "Percent"),
        ["monthly"] = ("每月", "Monthly"),
        ["from"] = ("起始日", "From"),
        ["notEligible"] = ("未達請領老年年金的年資。", "Not enough seniority for the annuity."),
        ["lumpSum"] = ("老年一次金", "Old-age lump sum"),
        ["oldSystem"] = ("舊制一次請領老年給付", "Old-system lump sum"),
        ["breakEven"] = ("年金與一次請領的比較", "Annuity against the lump sum"),
        ["breakEvenNone"] = ("沒有可比較的一次請領金額（舊制一次請領僅適用於 2009 年前已有年資者）。", "There is no lump sum to compare with (the old-system lump sum is only for people insured before 2009)."),
        ["chartAnnuity"] = ("年金累計", "Annuity paid so far"),
        ["chartLump"] = ("一次請領", "Lump sum"),
        ["keepWorking"] = ("繼續工作的試算", "If you keep working"),
        ["pension"] = ("勞工退休金個人專戶推估（新制）", "Labour-pension account projection (new scheme)"),
        ["balanceToday"] = ("目前累積金額", "Balance today"),
        ["balanceAtClaim"] = ("請領時推估金額", "Projected balance at the claim"),
        ["futureContributions"] = ("未來提繳（雇主＋個人）", "Future contributions (employer + you)"),
        ["futureEarnings"] = ("推估收益", "Projected earnings"),
        ["monthlyPension"] = ("月退休金", "Monthly pension"),
        ["lumpSumPension"] = ("一次退休金", "Lump-sum pension"),
        ["how"] = ("計算方式", "How this was worked out"),
        ["averagedMonths"] = ("列入平均的月份（{0} 個月）", "Months in the average ({0})"),
        ["month"] = ("月份", "Month"),
        ["insuredSalary"] = ("月投保薪資", "Insured salary"),
        ["articles"] = ("法規依據", "Articles"),
        ["assumptions"] = ("假設條件", "Assumptions"),
        ["backToInquiry"] = ("返回個人查詢", "Back to Individual inquiry"),
    };

    public static string Text(string key, UiLanguage language) =>
        Entries.TryGetValue(key, out var text) ? (language == UiLanguage.En ? text.En : text.Zh) : throw new KeyNotFoundException($"no estimate copy '{key}'");
}
