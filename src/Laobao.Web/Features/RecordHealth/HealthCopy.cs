using System.Globalization;
using Laobao.Client;
using Laobao.Domain.RecordHealth;
using Laobao.Web.Localization;

namespace Laobao.Web.Features.RecordHealth;

/// <summary>
/// The sentences of the record health checks, both languages, kept beside the feature rather than in the shared copy
/// deck. Each finding says what it means and what to do: ask the employer first, then report it here.
/// </summary>
public static class HealthCopy
{
    public sealed record Pair(string ZhTw, string En)
    {
        public string In(UiLanguage language) => language == UiLanguage.En ? En : ZhTw;
    }

    public static readonly Pair Heading = new("投保紀錄檢查", "Record check");

    public static readonly Pair Clean = new("您的投保紀錄沒有發現需要注意的地方。", "We found nothing that looks wrong in your record.");

    public static readonly Pair Some = new("您的投保紀錄有 {0} 項需要注意的地方：", "{0} things in your record need a look:");

    public static readonly Pair Months = new("月份", "Months");

    public static readonly Pair Report = new("回報問題", "Report a problem");

    public static readonly Pair AskEmployer = new(
        "請先向雇主（投保單位）詢問；若雇主說明後仍有疑問，請按「回報問題」，由勞保局人員查核。",
        "Ask your employer (the insured unit) first; if it still looks wrong after that, use \"Report a problem\" and bureau staff will look into it.");

    public static Pair Title(string code) => code switch
    {
        HealthCodes.CoverageGap => new("投保中斷", "A gap in your cover"),
        HealthCodes.SalaryBelowMinimum => new("投保薪資低於最低投保薪資", "Insured salary below the minimum"),
        HealthCodes.PensionMonthMissing => new("勞工退休金未提繳的月份", "Months without a labour-pension contribution"),
        HealthCodes.PensionEmployerBelowSixPercent => new("雇主提繳未達 6%", "Employer contribution below 6 %"),
        HealthCodes.SeniorityNearThreshold => new("勞保年資即將滿 15 年", "Close to 15 years of seniority"),
        _ => new("其他", "Other"),
    };

    public static Pair Meaning(HealthFindingView f, int? minimum) => f.Code switch
    {
        HealthCodes.CoverageGap => new(
            $"從 {f.From?.Display} 到 {f.To?.Display}，共 {f.Days} 天沒有勞工保險紀錄。這段期間不計入年資。",
            $"From {f.From?.Display} to {f.To?.Display} ({f.Days} days) your record has no labour-insurance cover; these days do not count towards your seniority."),
        HealthCodes.SalaryBelowMinimum => new(
            $"{f.UnitName}（{f.UnitCode}）以 {Amount(f.Amount)} 元為您投保，低於當時的最低投保薪資 {Amount(minimum)} 元（基本工資）。如果您是全時工作，投保薪資不應低於這個金額；偏低的投保薪資會讓給付變少。",
            $"{f.UnitName} ({f.UnitCode}) insured you at NT${Amount(f.Amount)}, below the minimum insured salary of the time, NT${Amount(minimum)} (the minimum wage). If you work full time it should not be lower; a low insured salary lowers your benefits."),
        HealthCodes.PensionMonthMissing => new(
            $"您在 {f.UnitName}（{f.UnitCode}）投保期間，有 {f.Months.Count} 個月沒有勞工退休金提繳紀錄，而這些月份您已適用勞工退休金新制，雇主應每月為您提繳至少工資的 6%。",
            $"While insured at {f.UnitName} ({f.UnitCode}), {f.Months.Count} month(s) have no labour-pension contribution, although you were covered by the new pension scheme then and the employer must pay at least 6 % of your wage every month."),
        HealthCodes.PensionEmployerBelowSixPercent => new(
            $"{f.UnitName}（{f.UnitCode}）在這些月份提繳的雇主部分低於提繳工資的 6%（勞工退休金條例第 14 條）。",
            $"In these months, {f.UnitName} ({f.UnitCode}) paid an employer part below 6 % of the contribution wage (Labor Pension Act Art. 14)."),
        HealthCodes.SeniorityNearThreshold => f.ReachedOn is { } on
            ? new(
                $"您的勞保年資再 {f.Days} 天就滿 15 年，滿 15 年才能請領老年年金（勞工保險條例第 58 條）。若持續投保，將於 {on.Display} 達到。",
                $"Your labour-insurance seniority reaches 15 years in {f.Days} days; 15 years are needed for the old-age annuity (Labour Insurance Act Art. 58). If your cover continues, you reach it on {on.Display}.")
            : new(
                $"您的勞保年資再 {f.Days} 天就滿 15 年，滿 15 年才能請領老年年金（勞工保險條例第 58 條）。您目前沒有投保，再投保 {f.Days} 天即可達到。",
                $"Your labour-insurance seniority is {f.Days} days short of 15 years, needed for the old-age annuity (Labour Insurance Act Art. 58). You are not insured now; {f.Days} more days of cover reach it."),
        _ => new("", ""),
    };

    public static Pair Advice(string code) => code switch
    {
        HealthCodes.SeniorityNearThreshold => new(
            "這不是錯誤。請到「試算」看看繼續工作或延後請領的影響；若您認為年資有漏算，請按「回報問題」。",
            "This is not an error. See Estimates for what working longer or claiming later changes; if you think days are missing, use \"Report a problem\"."),
        _ => AskEmployer,
    };

    /// <summary>"Report a problem" about a finding: its code, unit and months carried to the form.</summary>
    public static string ReportLink(HealthFindingView f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var link = "/desk/cases/new?code=" + Uri.EscapeDataString(f.Code);
        if (f.UnitCode is { } unit)
        {
            link += "&unit=" + unit;
        }

        if (f.Months.Count > 0)
        {
            link += "&from=" + f.Months[0].Iso + "&to=" + f.Months[^1].Iso;
        }

        return link;
    }

    /// <summary>Months as ranges of consecutive months: <c>114/01 (2025-01)–114/03 (2025-03)、114/05 (2025-05)</c>.</summary>
    public static string MonthRanges(IReadOnlyList<MonthView> months, UiLanguage language) =>
        Laobao.Client.MonthRanges.Join(months, language == UiLanguage.En);

    private static string Amount(int? value) => (value ?? 0).ToString("#,0", CultureInfo.InvariantCulture);
}
