using System.Globalization;
using Laobao.Client;
using Laobao.Domain.Estimates;
using Laobao.Domain.Pension;
using Laobao.Web.Features.Inquiry;
using Laobao.Web.Localization;

namespace Laobao.Web.Features.Estimates;

/// <summary>
/// The sentences of 老年給付試算 in zh-TW and English: how each figure was worked out, the assumptions and the
/// notices. Kept beside the feature (not in the shared copy deck) and used by the API, the e-desk page and the app.
/// </summary>
public sealed class EstimateText(UiLanguage language)
{
    private bool En => language == UiLanguage.En;

    /// <summary>NT$ with thousands separators: NT$25,616.</summary>
    public static string Money(long amount) => "NT$" + amount.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + " %";

    public string? Notice(OldAgeEstimate e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!e.HasCoverage)
        {
            return En
                ? "There is no labour-insurance cover on your record, so there is no old-age benefit to estimate. If you have worked under labour insurance, ask your employer or the Bureau of Labor Insurance to check your record."
                : "您的紀錄中沒有勞工保險年資，因此無法試算老年給付。若您曾參加勞工保險，請洽雇主或勞動部勞工保險局查明紀錄。";
        }

        if (e.PastEveryAge)
        {
            var last = e.LegalClaimAge + e.Rules.MaximumYearsEarlyOrLate;
            return En
                ? I($"You are {e.AgeOnAsOf}, past the last age in the table ({last}, five years after your legal claim age of {e.LegalClaimAge}). Deferring further adds nothing (Labour Insurance Act Art. 58-2): the figures below are what you can claim now.")
                : I($"您現年 {e.AgeOnAsOf} 歲，已超過試算表的最後年齡（{last} 歲，即法定請領年齡 {e.LegalClaimAge} 歲後五年）。再延後請領不再增加（勞工保險條例第58條之2）：以下金額即為您現在可請領的試算。");
        }

        return null;
    }

    public string? NoPension(PensionScheme scheme) => scheme switch
    {
        PensionScheme.Old => En
            ? "You are under the old pension scheme (Labor Standards Act): your employer keeps the retirement reserve, so there is no personal account to project."
            : "您適用勞工退休金舊制（勞動基準法），退休準備金由雇主提撥，沒有個人專戶可以推估。",
        _ => En
            ? "No labour-pension account (new scheme) is on your record, so there is nothing to project."
            : "您的紀錄中沒有勞工退休金個人專戶（新制），因此無法推估。",
    };

    public EstimateExplanation Explain(OldAgeEstimate e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var r = e.Rules;
        string seniority = En
            ? I($"Seniority D = {e.SeniorityDays:N0} days of labour insurance up to {InquiryFormat.Date(e.AsOf).Display}, overlapping cover counted once. Insured years Y = {e.WholeYears} whole years of 365 days + {e.ExtraMonths} month(s) of 30 days (a part-month counts as a month, Art. 59) = {EstimateService.Normal(e.InsuredYears)}.")
            : I($"年資 D = 截至 {InquiryFormat.Date(e.AsOf).Display} 的勞工保險 {e.SeniorityDays:N0} 日（重疊期間只計一次）。保險年資 Y = 滿 {e.WholeYears} 年（每年365日）+ {e.ExtraMonths} 個月（每月30日，未滿三十日以一個月計，第59條）= {EstimateService.Normal(e.InsuredYears)} 年。");

        string average = e.AverageInsuredSalary is not { } s
            ? (En ? "No covered month, so no average insured salary." : "沒有投保月份，無法計算平均月投保薪資。")
            : En
                ? I($"Average monthly insured salary S = {Money(s)}: the mean of the {e.AveragedMonths.Count} highest of your {e.CoveredMonths.Count} covered months (at most {r.AveragedMonths}, Art. 19), rounded half up. A month's salary is the highest day's; employers at once combine when the concurrent cover lasts 30 days or more, capped at the top grade ({Money(OldAgeRules.TopGradeOn(e.AsOf))}).")
                : I($"平均月投保薪資 S = {Money(s)}：您 {e.CoveredMonths.Count} 個投保月份中最高 {e.AveragedMonths.Count} 個月的平均（最多 {r.AveragedMonths} 個月，第19條），四捨五入。每月投保薪資取當月最高的一日；同時在兩個以上單位加保連續滿三十日者合併計算，以最高投保薪資 {Money(OldAgeRules.TopGradeOn(e.AsOf))} 為上限。");

        string formula;
        if (e.Annuity.Eligible)
        {
            var a = e.Annuity.FormulaA!.Value;
            var b = e.Annuity.FormulaB!.Value;
            var sy = I($"{Money(e.AverageInsuredSalary!.Value)} × {EstimateService.Normal(e.InsuredYears)}");
            formula = En
                ? I($"Formula A = {sy} × 0.775 % + NT$3,000 = {Money(a)}; formula B = {sy} × 1.55 % = {Money(b)} (Art. 58-1). The higher one is paid: formula {(a > b ? "A" : "B")}, {Money(Math.Max(a, b))} a month. {(a > b ? "A wins when S × Y is small, because of its fixed NT$3,000." : "B wins once S × Y is above NT$387,097, where 0.775 % of it passes NT$3,000.")}")
                : I($"第一式 A = {sy} × 0.775% + 3,000 元 = {Money(a)}；第二式 B = {sy} × 1.55% = {Money(b)}（第58條之1）。擇優發給：第{(a > b ? "一" : "二")}式，每月 {Money(Math.Max(a, b))}。{(a > b ? "S × Y 較小時，第一式因有固定 3,000 元而較高。" : "S × Y 超過 387,097 元時，第二式較高。")}");
        }
        else
        {
            formula = En
                ? I($"The annuity needs {r.AnnuityMinimumYears} years (5,475 days) of seniority (Art. 58); you have {e.SeniorityDays:N0} days.")
                : I($"老年年金須有保險年資 {r.AnnuityMinimumYears} 年（5,475 日）（第58條）；您目前為 {e.SeniorityDays:N0} 日。");
        }

        string claimAge = En
            ? I($"Born in {e.BirthDate.Year}: legal claim age {e.LegalClaimAge} ({e.ClaimAge.Article}). Each year claimed early lowers the annuity by 4 %, each year deferred raises it by 4 %, up to 5 years either way (Art. 58-2), rounded half up.")
            : I($"{e.BirthDate.Year - 1911} 年（{e.BirthDate.Year}）出生：法定請領年齡 {e.LegalClaimAge} 歲（第58條）。每提前一年減給 4%，每延後一年增給 4%，最多各五年（第58條之2），四捨五入。");

        string lumpSum = e.LumpSum.Eligible
            ? En
                ? I($"Under 15 years, the old-age lump sum: S × the years counted = {Money(e.AverageInsuredSalary!.Value)} × {EstimateService.Normal(e.LumpSum.YearsCounted!.Value)} = {Money(e.LumpSum.Amount!.Value)} (Art. 58, 59){(e.LumpSum.DaysAfter60NotCounted > 0 ? I($"; {e.LumpSum.DaysAfter60NotCounted:N0} days after 60 are beyond the 5 years counted") : string.Empty)}.")
                : I($"未滿15年者請領老年一次金：S × 採計年資 = {Money(e.AverageInsuredSalary!.Value)} × {EstimateService.Normal(e.LumpSum.YearsCounted!.Value)} = {Money(e.LumpSum.Amount!.Value)}（第58條、第59條）{(e.LumpSum.DaysAfter60NotCounted > 0 ? I($"；年滿60歲後最多採計5年，另有 {e.LumpSum.DaysAfter60NotCounted:N0} 日不計") : string.Empty)}。")
            : En ? "With 15 years or more there is no old-age lump sum (老年一次金); the annuity applies." : "保險年資滿15年者不適用老年一次金，應請領老年年金。";

        string oldSystem = e.OldSystem.Available
            ? En
                ? I($"You were insured before 2009-01-01, so you may choose the old-system lump sum instead (Art. 58): the average of your last {e.OldSystem.AveragedMonths.Count} covered months ({Money(e.OldSystem.AverageInsuredSalary!.Value)}) × {EstimateService.Normal(e.OldSystem.Months!.Value)} months (one a year up to 15 years, two a year beyond, at most 45; at most 50 with years after 60, Art. 59) = {Money(e.OldSystem.Amount!.Value)}.")
                : I($"您在 2009-01-01 前已有保險年資，可選擇一次請領老年給付（舊制，第58條）：最後 {e.OldSystem.AveragedMonths.Count} 個投保月份的平均 {Money(e.OldSystem.AverageInsuredSalary!.Value)} × {EstimateService.Normal(e.OldSystem.Months!.Value)} 個月（15年以內每年1個月，超過部分每年2個月，最高45個月；60歲後年資合計最高50個月，第59條）= {Money(e.OldSystem.Amount!.Value)}。")
            : En ? "No seniority before 2009-01-01, so the old-system lump sum is not an option." : "2009-01-01 前沒有保險年資，不能選擇舊制一次請領。";

        string[] articles = En
            ? ["Labour Insurance Act Art. 19 (average insured salary; concurrent employers)", "Art. 58 (eligibility, claim age, old-system option)", "Art. 58-1 (annuity formulas A and B)", "Art. 58-2 (early and deferred claims)", "Art. 59 (lump sums, part-years)"]
            : ["勞工保險條例第19條（平均月投保薪資、同時受僱）", "第58條（請領資格、年齡、舊制選擇）", "第58條之1（年金第一式與第二式）", "第58條之2（提前、延後請領）", "第59條（一次給付、未滿一年之計算）"];

        return new EstimateExplanation(
            [.. e.AveragedMonths.Select(m => new InsuredMonthView(InquiryFormat.Month(m.Month), m.Salary))],
            e.CoveredMonths.Count,
            seniority,
            average,
            formula,
            claimAge,
            lumpSum,
            oldSystem,
            articles,
            [.. e.OldSystem.AveragedMonths.Select(m => new InsuredMonthView(InquiryFormat.Month(m.Month), m.Salary))]);
    }

    public string BreakEven(BreakEven b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return En
            ? I($"Claimed at {b.ClaimAge}, the annuity of {Money(b.Monthly)} a month has paid more than the old-system lump sum of {Money(b.LumpSum)} after {b.Months} payments: at age {b.AgeYears} and {b.AgeMonths} month(s).")
            : I($"自 {b.ClaimAge} 歲請領，每月 {Money(b.Monthly)} 的年金在領取 {b.Months} 個月後，即 {b.AgeYears} 歲 {b.AgeMonths} 個月時，累計超過舊制一次請領的 {Money(b.LumpSum)}。");
    }

    public string Pension(PensionProjection p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var r = p.Rules;
        if (p.MonthlyPension)
        {
            return En
                ? I($"At {p.ClaimAge} the account would hold {Money(p.BalanceAtClaim)}; with {EstimateService.Normal(p.ContributionYears)} years of contributions (15 or more, Labor Pension Act Art. 24) it pays a monthly pension of about {Money(p.Monthly!.Value)}: the balance spread over a life expectancy of {r.LifeExpectancyAt60} years at {Percent(r.AnnuityInterest * 100)} a year (Art. 23; Enforcement Rules Art. 31).")
                : I($"{p.ClaimAge} 歲時個人專戶約有 {Money(p.BalanceAtClaim)}；提繳年資 {EstimateService.Normal(p.ContributionYears)} 年（滿15年，勞工退休金條例第24條），可請領月退休金約 {Money(p.Monthly!.Value)}：以平均餘命 {r.LifeExpectancyAt60} 年、年利率 {Percent(r.AnnuityInterest * 100)} 計算（第23條；施行細則第31條）。");
        }

        return En
            ? I($"At {p.ClaimAge} the account would hold {Money(p.BalanceAtClaim)}; with {EstimateService.Normal(p.ContributionYears)} years of contributions (under 15, Labor Pension Act Art. 24) it is paid as a lump sum of {Money(p.LumpSum!.Value)}.")
            : I($"{p.ClaimAge} 歲時個人專戶約有 {Money(p.BalanceAtClaim)}；提繳年資 {EstimateService.Normal(p.ContributionYears)} 年（未滿15年，勞工退休金條例第24條），一次領取 {Money(p.LumpSum!.Value)}。");
    }

    public List<AssumptionView> Assumptions(EstimateWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var e = work.Estimate;
        var list = new List<AssumptionView>
        {
            new("record", En ? "Record" : "紀錄", En
                ? I($"Your labour-insurance record as it stands on {InquiryFormat.Date(e.AsOf).Display}; not extended unless you choose to keep working below.")
                : I($"以 {InquiryFormat.Date(e.AsOf).Display} 的勞工保險紀錄試算；除非您在下方選擇繼續工作，否則不延伸至未來。")),
            new("claim-age", En ? "Claim age" : "請領年齡", I($"{work.ClaimAge}")),
            new("law", En ? "Law" : "法規", En
                ? I($"The rules in force today ({e.Rules.Source}); a later change of law is not foreseen.")
                : I($"依現行規定（{e.Rules.Source}）；不預測日後修法。")),
            new("top-grade", En ? "Top insured salary" : "最高投保薪資", Money(OldAgeRules.TopGradeOn(e.AsOf))),
        };

        // SPEC §9 names only today's top grade (45,800 since 2014-07-01); the older caps are Laobao's reading of the
        // earlier grade tables, so a record that reaches back before then says so.
        var current = OldAgeRules.TopGrades[^1];
        if (e.CoveredMonths.Any(m => m.Month < current.EffectiveFrom))
        {
            var older = string.Join(En ? ", " : "、", OldAgeRules.TopGrades.Take(OldAgeRules.TopGrades.Length - 1).Reverse().Select(g => g.EffectiveFrom == DateOnly.MinValue
                ? (En ? I($"{Money(g.TopGrade)} before that") : I($"更早為 {Money(g.TopGrade)}"))
                : (En ? I($"{Money(g.TopGrade)} from {InquiryFormat.Date(g.EffectiveFrom).Display}") : I($"自 {InquiryFormat.Date(g.EffectiveFrom).Display} 起為 {Money(g.TopGrade)}"))));
            list.Add(new("top-grade-history", En ? "Top insured salary of older months" : "較早月份的最高投保薪資", En
                ? I($"Assumed: months before {InquiryFormat.Date(current.EffectiveFrom).Display} are capped at the top grade of their day ({older}), Laobao's reading of the earlier grade tables (勞工保險投保薪資分級表), not a figure from the bureau.")
                : I($"假設：{InquiryFormat.Date(current.EffectiveFrom).Display} 以前的月份以當時的最高投保薪資為上限（{older}），係本系統依歷年勞工保險投保薪資分級表所設，非勞保局提供的數字。")));
        }

        if (work.KeepWorking is { } k)
        {
            list.Add(new("keep-working", En ? "Keep working" : "繼續工作", En
                ? I($"Insured at {Money(k.InsuredSalary)} a month until {InquiryFormat.Date(k.LastDay).Display} (the day before you turn {k.UntilAge}).")
                : I($"以月投保薪資 {Money(k.InsuredSalary)} 投保至 {InquiryFormat.Date(k.LastDay).Display}（{k.UntilAge} 歲生日前一日）。")));
        }

        if (work.Pension is { } p)
        {
            list.Add(new("pension-wage", En ? "Contribution wage" : "月提繳工資", p.Wage is { } w
                ? (En ? I($"{Money(w)} a month, contributed until {(work.Scenario.WorkUntilAge is { } u ? I($"age {u}") : I($"the claim at {p.ClaimAge}"))}") : I($"每月 {Money(w)}，提繳至{(work.Scenario.WorkUntilAge is { } u2 ? I($" {u2} 歲") : I($"請領時（{p.ClaimAge} 歲）"))}"))
                : (En ? "No contribution in the last two months: none assumed from now on." : "最近兩個月沒有提繳紀錄：此後不假設再有提繳。")));
            list.Add(new("employer-rate", En ? "Employer contribution" : "雇主提繳率", Percent(p.Rules.EmployerRate * 100) + (En ? " (Labor Pension Act Art. 14)" : "（勞工退休金條例第14條）")));
            list.Add(new("voluntary-rate", En ? "Your voluntary contribution" : "個人自願提繳率", Percent(p.VoluntaryRate * 100)));
            list.Add(new("assumed-return", En ? "Assumed yearly return" : "假設年投資報酬率", Percent(p.AssumedReturn * 100)
                + (p.AssumedReturn == p.Rules.GuaranteedReturn
                    ? (En ? " (the guaranteed minimum: the two-year time-deposit rate, Art. 23; Enforcement Rules Art. 32. The rate is Laobao's assumption, not a published figure: the bureau's may differ)" : "（保證收益：二年期定期存款利率，第23條、施行細則第32條。此利率為本系統的假設，非公告數字，實際以勞保局公告為準）")
                    : (En ? " (your choice)" : "（您選擇的報酬率）"))));
            list.Add(new("annuity-basis", En ? "Monthly pension basis" : "月退休金計算基礎", En
                ? I($"Assumed: life expectancy at 60 of {p.Rules.LifeExpectancyAt60} years and interest of {Percent(p.Rules.AnnuityInterest * 100)} a year, Laobao's working values for the annuity life table and interest rate of Enforcement Rules Art. 31 (parameters from {InquiryFormat.Date(p.Rules.EffectiveFrom).Display}), not the bureau's published table: its monthly pension may differ.")
                : I($"假設：60 歲平均餘命 {p.Rules.LifeExpectancyAt60} 年、年利率 {Percent(p.Rules.AnnuityInterest * 100)}，係本系統對施行細則第31條年金生命表及利率所設的數值（參數自 {InquiryFormat.Date(p.Rules.EffectiveFrom).Display} 起），非勞保局公告的表，實際月退休金可能不同。")));
        }

        return list;
    }

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
