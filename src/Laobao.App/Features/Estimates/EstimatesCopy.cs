using Laobao.App.Localization;

namespace Laobao.App.Features.Estimates;

/// <summary>The words of the app's 試算 / Estimates screen, beside the feature rather than in the shared copy.</summary>
public static class EstimatesCopy
{
    public static IReadOnlyDictionary<string, Text> Entries { get; } = new Dictionary<string, Text>(StringComparer.Ordinal)
    {
        ["title"] = new("試算：老年給付", "Estimates: old-age benefit"),
        // The same words as the e-desk's 個人查詢 menu (EstimateCopy "menu"), so a walkthrough of one fits the other.
        ["menu"] = new("老年給付試算", "Old-age estimates"),
        ["intro"] = new("依您本人的勞保紀錄試算；實際金額以勞保局核定為準。", "From your own labour-insurance record; the Bureau of Labor Insurance decides the actual amounts."),
        ["seniority"] = new("保險年資", "Seniority"),
        ["days"] = new("{0} 日", "{0} days"),
        ["average"] = new("平均月投保薪資", "Average insured salary"),
        ["legalAge"] = new("法定請領年齡", "Legal claim age"),
        ["claimAge"] = new("請領年齡：{0} 歲", "Claim age: {0}"),
        ["annuity"] = new("老年年金每月", "Annuity a month"),
        ["notEligible"] = new("未達請領老年年金的年資（15 年）。", "Not enough seniority for the annuity (15 years)."),
        ["breakEven"] = new("年金與一次請領", "Annuity against the lump sum"),
        ["breakEvenNone"] = new("沒有可比較的舊制一次請領金額。", "There is no old-system lump sum to compare with."),
        ["chartAnnuity"] = new("年金累計", "Annuity paid so far"),
        ["chartLump"] = new("一次請領", "Lump sum"),
        ["pension"] = new("勞工退休金推估", "Labour-pension projection"),
        ["balanceAtClaim"] = new("請領時推估金額", "Balance at the claim"),
        ["how"] = new("計算方式", "How this was worked out"),
        ["averagedMonths"] = new("列入平均的月份（{0} 個月）", "Months in the average ({0})"),
        ["assumptions"] = new("假設條件", "Assumptions"),
        ["articles"] = new("法規依據", "Articles"),
    };

    public static string Get(string key, AppLanguage language) =>
        Entries.TryGetValue(key, out var text) ? text.In(language) : throw new KeyNotFoundException($"The app has no estimates text '{key}'.");
}
