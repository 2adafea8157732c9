using Laobao.Client;
using Laobao.Domain.Coverage;
using Laobao.Domain.Pension;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Localization;

namespace Laobao.Web.Features.Inquiry;

/// <summary>
/// 個人查詢 for one person, shaped for the screen: coverage (投保資料) and the labour-pension account
/// (勞工退休金個人專戶). It reads the one-person read model and formats it once; the mobile API and the
/// e-desk pages both call it, so web and phone never show different figures.
/// </summary>
public sealed class InquiryService(PersonInquiryReader reader, TimeProvider time)
{
    public const int MaxPageSize = 120;

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public Task<PersonInquiry?> ReadAsync(string idNumber, DateOnly asOf, CancellationToken cancellationToken) =>
        reader.ReadAsync(idNumber, asOf, cancellationToken);

    public async Task<CoverageReport?> CoverageAsync(string idNumber, DateOnly asOf, CancellationToken cancellationToken) =>
        await ReadAsync(idNumber, asOf, cancellationToken) is { } inquiry ? Coverage(inquiry.Coverage) : null;

    public async Task<PensionReport?> PensionAsync(string idNumber, int page, int pageSize, UiLanguage language, CancellationToken cancellationToken) =>
        await ReadAsync(idNumber, Today, cancellationToken) is { } inquiry ? Pension(inquiry.Pension, page, pageSize, language) : null;

    public static CoverageReport Coverage(CoverageInquiry coverage)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        var asOf = coverage.AsOf;
        var periods = coverage.Periods.Select(p => new Client.CoveragePeriodView(
                p.UnitCode,
                p.UnitName,
                p.UnitNameLatin,
                KindWord(p.Kind),
                InquiryFormat.Date(p.Start),
                InquiryFormat.Date(p.End),
                p.LatestInsuredSalary,
                p.Salaries.Select(s => new SalaryStepView(InquiryFormat.Date(s.From), InquiryFormat.Date(s.To), s.InsuredSalary)).ToList()))
            .ToList();

        var seniority = coverage.Kinds
            .Select(k => new SeniorityView(KindWord(k.Kind), k.Seniority.Years, k.Seniority.Days, k.Seniority.TotalDays))
            .ToList();

        var current = coverage.Periods
            .Where(p => p.Start <= asOf && (p.End is null || p.End >= asOf))
            .GroupBy(p => (p.UnitCode, p.UnitName, p.UnitNameLatin))
            .Select(g => new CurrentUnitView(
                g.Key.UnitCode,
                g.Key.UnitName,
                g.OrderBy(p => p.Kind).Select(p => KindWord(p.Kind)).Distinct(StringComparer.Ordinal).ToList(),
                g.Max(p => p.Salaries.LastOrDefault(s => s.From <= asOf)?.InsuredSalary ?? p.LatestInsuredSalary),
                InquiryFormat.Date(g.Min(p => p.Start)),
                g.Key.UnitNameLatin))
            .OrderBy(u => u.UnitCode, StringComparer.Ordinal)
            .ToList();

        return new CoverageReport(InquiryFormat.Date(asOf), periods, seniority, new CurrentCoverageView(coverage.InsuredNow, current));
    }

    /// <summary>Newest month first, one page of it; totals always over the whole account.</summary>
    public static PensionReport Pension(PensionInquiry pension, int page, int pageSize, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(pension);
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var items = pension.Contributions
            .OrderByDescending(c => c.Month).ThenBy(c => c.UnitCode, StringComparer.Ordinal)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new PensionContributionView(InquiryFormat.Month(c.Month), c.UnitCode, c.UnitName, c.Wage, c.EmployerAmount, c.VoluntaryAmount, c.UnitNameLatin))
            .ToList();
        var scheme = SchemeWord(pension.Scheme);
        return new PensionReport(
            scheme,
            pension.Scheme == PensionScheme.New ? InquiryFormat.Date(pension.Since) : null,
            pension.Explanation is { } why ? NoData(why, language) : null,
            new PensionTotalsView(pension.Totals.Employer, pension.Totals.Voluntary, pension.Totals.Earnings, pension.Totals.Balance),
            page,
            pageSize,
            pension.Contributions.Count,
            items);
    }

    /// <summary>The reason a pension page has no rows, as a stable code and a sentence in the asked language.</summary>
    public static PensionNoDataView NoData(PensionExplanation explanation, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var from = InquiryFormat.Date(explanation.EligibleFrom);
        var en = language == UiLanguage.En;
        return explanation.Code switch
        {
            PensionExplanationCode.OldScheme => new PensionNoDataView(
                "old-scheme",
                en ? "You are under the old pension scheme (Labor Standards Act): your employer keeps the retirement reserve, so there is no personal account."
                   : "您適用勞工退休金舊制（勞動基準法），退休準備金由雇主提撥，沒有個人專戶。",
                from),
            PensionExplanationCode.NoScheme => new PensionNoDataView("no-scheme", en
                    ? $"No employer has contributed to a labour pension account for you. The new scheme has covered citizens since {from?.Display}."
                    : $"尚無雇主為您提繳勞工退休金。本國籍勞工自 {from?.Display} 起適用勞工退休金新制。", from),
            PensionExplanationCode.ResidenceNotEligible => new PensionNoDataView("residence-not-eligible", en
                    ? $"There is no pension account to show because no employer has contributed for you yet; foreign residents married to a citizen with household registration and allowed to reside, or holding permanent residence, are covered by the Labor Pension Act, and with your residence status you could be covered since {from?.Display}."
                    : $"目前沒有任何雇主為您提繳，所以沒有個人專戶資料；外籍人士須與設有戶籍之國民結婚並獲准居留，或已取得永久居留，才適用勞工退休金條例，依您的居留身分自 {from?.Display} 起即可適用。", from),
            _ => new PensionNoDataView(
                "no-contributions-yet",
                en ? $"You are in the new scheme since {from?.Display}, but no monthly contribution has been recorded yet."
                   : $"您自 {from?.Display} 起適用勞工退休金新制，但尚無任何月份的提繳紀錄。",
                from),
        };
    }

    public static string KindWord(InsuranceKind kind) => kind switch
    {
        InsuranceKind.Labour => "labour",
        InsuranceKind.Occupational => "occupational",
        _ => "employment",
    };

    public static string SchemeWord(PensionScheme scheme) => scheme switch
    {
        PensionScheme.New => "new",
        PensionScheme.Old => "old",
        _ => "none",
    };
}
