using Laobao.Web.Localization;

namespace Laobao.Web.Features.Estimates;

/// <summary>The words of the 試算 / Estimates page, beside the feature rather than in the shared copy deck.</summary>
public static class EstimateCopy
{
    public static IReadOnlyDictionary<string, BilingualText> Entries { get; } = new Dictionary<string, BilingualText>(StringComparer.Ordinal)
    {
        ["title"] = new("試算", "Estimates"),
        ["menu"] = new("老年給付試算", "Old-age estimates"),
        ["intro"] = new("依您本人的勞工保險紀錄試算老年給付，並推估勞工退休金個人專戶；每個數字都附計算方式。試算僅供參考，實際金額以勞動部勞工保險局核定為準。", "An estimate of your old-age benefit from your own labour-insurance record, and a projection of your labour-pension account; each figure shows how it was worked out. Estimates are for guidance only: the Bureau of Labor Insurance decides the actual amounts."),
        ["asOf"] = new("試算基準日", "Record as of"),
        ["seniority"] = new("保險年資", "Seniority"),
        ["days"] = new("日", "days"),
        ["insuredYears"] = new("保險年資 Y（年）", "Insured years Y"),
        ["average"] = new("平均月投保薪資 S", "Average monthly insured salary S"),
        ["legalAge"] = new("法定請領年齡", "Legal claim age"),
        ["scenario"] = new("試算條件", "Your choices"),
        ["claimAge"] = new("請領年齡", "Claim age"),
        ["workUntil"] = new("繼續工作至（歲，可空白）", "Keep working until age (optional)"),
        ["salary"] = new("繼續工作的月薪資（新臺幣元，可空白）", "Monthly salary while working on (NT$, optional)"),
        ["voluntaryRate"] = new("個人自願提繳率（0–6%）", "Your voluntary pension rate (0–6 %)"),
        ["assumedReturn"] = new("假設年投資報酬率（%，空白為保證收益）", "Assumed yearly return (%, empty for the guaranteed minimum)"),
        ["recalculate"] = new("重新試算", "Recalculate"),
        ["annuity"] = new("老年年金（每月）", "Old-age annuity (monthly)"),
        ["atAge"] = new("於 {0} 歲請領", "Claimed at {0}"),
        ["byAge"] = new("各請領年齡的月領金額", "Monthly amount by claim age"),
        ["age"] = new("年齡", "Age"),
        ["percent"] = new("比例", "Percent"),
        ["monthly"] = new("每月", "Monthly"),
        ["from"] = new("起始日", "From"),
        ["notEligible"] = new("未達請領老年年金的年資。", "Not enough seniority for the annuity."),
        ["lumpSum"] = new("老年一次金", "Old-age lump sum"),
        ["oldSystem"] = new("舊制一次請領老年給付", "Old-system lump sum"),
        ["breakEven"] = new("年金與一次請領的比較", "Annuity against the lump sum"),
        ["breakEvenNone"] = new("沒有可比較的一次請領金額（舊制一次請領僅適用於 2009 年前已有年資者）。", "There is no lump sum to compare with (the old-system lump sum is only for people insured before 2009)."),
        ["chartAnnuity"] = new("年金累計", "Annuity paid so far"),
        ["chartLump"] = new("一次請領", "Lump sum"),
        ["keepWorking"] = new("繼續工作的試算", "If you keep working"),
        ["pension"] = new("勞工退休金個人專戶推估（新制）", "Labour-pension account projection (new scheme)"),
        ["balanceToday"] = new("目前累積金額", "Balance today"),
        ["balanceAtClaim"] = new("請領時推估金額", "Projected balance at the claim"),
        ["futureContributions"] = new("未來提繳（雇主＋個人）", "Future contributions (employer + you)"),
        ["futureEarnings"] = new("推估收益", "Projected earnings"),
        ["monthlyPension"] = new("月退休金", "Monthly pension"),
        ["lumpSumPension"] = new("一次退休金", "Lump-sum pension"),
        ["how"] = new("計算方式", "How this was worked out"),
        ["averagedMonths"] = new("列入平均的月份（{0} 個月）", "Months in the average ({0})"),
        ["month"] = new("月份", "Month"),
        ["insuredSalary"] = new("月投保薪資", "Insured salary"),
        ["articles"] = new("法規依據", "Articles"),
        ["assumptions"] = new("假設條件", "Assumptions"),
        ["backToInquiry"] = new("返回個人查詢", "Back to Individual inquiry"),
    };

    public static string Text(string key, UiLanguage language) =>
        Entries.TryGetValue(key, out var text) ? text.In(language) : throw new KeyNotFoundException($"no estimate copy '{key}'");
}
