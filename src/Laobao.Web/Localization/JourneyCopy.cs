namespace Laobao.Web.Localization;

/// <summary>
/// Copy added while smoothing the newcomer's journey (issue 14): the not-found page, the Gregorian birth date hint,
/// word order that differs between the languages. Kept apart from <see cref="CopyDeck"/> so features merge cleanly;
/// <see cref="CopyDeck.Entries"/> holds these too.
/// </summary>
public static class JourneyCopy
{
    public static IReadOnlyDictionary<string, BilingualText> Entries { get; } = new Dictionary<string, BilingualText>(StringComparer.Ordinal)
    {
        // English puts "since" before the date, Chinese puts 起 after it.
        ["inquirySinceDate"] = new("{0} 起", "since {0}"),
        ["inquiryKindsTogether"] = new("相同投保單位與期間的保險別合併顯示。", "Insurance kinds with the same unit and period are shown together."),
        ["timelineTitle"] = new("投保歷程圖", "Career timeline"),
        ["timelineSummary"] = new("投保歷程（文字說明）", "Career timeline as text"),
        ["timelineUnit"] = new("{0}：{1} 至 {2}，月投保薪資 {3}", "{0}: {1} to {2}, monthly insured salary {3}"),
        ["timelineGap"] = new("未投保：{0} 至 {1}", "Not insured: {0} to {1}"),
        ["timelineNow"] = new("迄今", "today"),
        ["amountYuan"] = new("{0} 元", "NT${0}"),
        ["pensionWageColumn"] = new("月提繳工資（元）", "Monthly contribution wage (NT$)"),
        ["pensionEmployerColumn"] = new("雇主提繳（元）", "Employer (NT$)"),
        ["pensionVoluntaryColumn"] = new("個人自願提繳（元）", "Voluntary (NT$)"),

        // Item 12: a Gregorian date typed into the ROC field.
        ["birthLooksGregorian"] = new(
            "這看起來是西元日期。您是要輸入民國 {0} 嗎？請輸入 {1}。",
            "This looks like a Gregorian date. Did you mean {0}? Enter it as {1}."),

        // Item 18: the not-found page.
        ["notFoundTitle"] = new("找不到這個頁面", "Page not found"),
        ["notFoundBody"] = new("網址可能有誤，或這個頁面已不存在。請由首頁重新開始。", "The address may be mistyped, or the page no longer exists. Start again from the home page."),
    };
}
