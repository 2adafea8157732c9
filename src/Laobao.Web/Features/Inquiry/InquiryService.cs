using Laobao.Client;
using Laobao.Domain.Coverage;
using Laobao.Domain.Pension;
using Laobao.Web.Data;
using Laobao.Web.Data.Entities;
using Laobao.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Features.Inquiry;

/// <summary>
/// 個人查詢 for one person: coverage (投保資料) and the labour-pension account (勞工退休金個人專戶).
/// The mobile API and the e-desk pages both call this, so web and phone never show different figures.
/// </summary>
public sealed class InquiryService(LaobaoDbContext db, TimeProvider time)
{
    public const int MaxPageSize = 120;

    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public async Task<Person?> PersonAsync(string idNumber, CancellationToken cancellationToken) =>
        await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.IdNumber == idNumber, cancellationToken);

    public async Task<CoverageReport> CoverageAsync(string idNumber, DateOnly asOf, CancellationToken cancellationToken)
    {
        var rows = await (
            from s in db.Set<CoverageSegment>().AsNoTracking()
            join u in db.Set<InsuredUnit>().AsNoTracking() on s.UnitCode equals u.UnitCode
            where s.IdNumber == idNumber
            select new { s.UnitCode, UnitName = u.Name, UnitNameLatin = u.NameLatin, s.Kind, s.PeriodStart, s.PeriodEnd, s.SegmentStart, s.SegmentEnd, s.InsuredSalary })
            .ToListAsync(cancellationToken);

        var periods = rows
            .GroupBy(r => (r.UnitCode, r.Kind, r.PeriodStart))
            .Select(g =>
            {
                var steps = g.OrderBy(r => r.SegmentStart).ToList();
                var first = steps[0];
                return new
                {
                    first.UnitCode,
                    first.UnitName,
                    first.UnitNameLatin,
                    first.Kind,
                    Start = first.PeriodStart,
                    End = first.PeriodEnd,
                    Steps = steps.ConvertAll(s => new SalaryStepView(InquiryFormat.Date(s.SegmentStart), InquiryFormat.Date(s.SegmentEnd), s.InsuredSalary)),
                    Salaries = steps,
                };
            })
            .OrderBy(p => p.Start).ThenBy(p => p.UnitCode, StringComparer.Ordinal).ThenBy(p => KindRank(p.Kind))
            .ToList();

        var periodViews = periods.ConvertAll(p => new CoveragePeriodView(
            p.UnitCode, p.UnitName, p.UnitNameLatin, p.Kind, InquiryFormat.Date(p.Start), InquiryFormat.Date(p.End),
            SalaryOn(p.Salaries.ConvertAll(s => (s.SegmentStart, s.SegmentEnd, s.InsuredSalary)), asOf), p.Steps));

        var seniority = Codes.AllKinds
            .Select(kind =>
            {
                var total = SeniorityCalculator.Compute(
                    periods.Where(p => p.Kind == kind && p.Start <= asOf).Select(p => new CoveragePeriod(p.Start, p.End)),
                    asOf);
                return new SeniorityView(kind, total.Years, total.Days, total.TotalDays);
            })
            .ToList();

        var current = periods
            .Where(p => p.Start <= asOf && (p.End is null || p.End >= asOf))
            .GroupBy(p => p.UnitCode, StringComparer.Ordinal)
            .Select(g => new CurrentUnitView(
                g.Key,
                g.First().UnitName,
                g.OrderBy(p => KindRank(p.Kind)).Select(p => p.Kind).ToList(),
                g.Max(p => SalaryOn(p.Salaries.ConvertAll(s => (s.SegmentStart, s.SegmentEnd, s.InsuredSalary)), asOf)),
                InquiryFormat.Date(g.Min(p => p.Start))))
            .OrderBy(u => u.UnitCode, StringComparer.Ordinal)
            .ToList();

        return new CoverageReport(InquiryFormat.Date(asOf), periodViews, seniority, new CurrentCoverageView(current.Count > 0, current));
    }

    public async Task<PensionReport?> PensionAsync(string idNumber, int page, int pageSize, UiLanguage language, CancellationToken cancellationToken)
    {
        var person = await PersonAsync(idNumber, cancellationToken);
        if (person is null)
        {
            return null;
        }

        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var contributions = db.Set<PensionContribution>().AsNoTracking().Where(c => c.IdNumber == idNumber);
        var sums = await contributions
            .GroupBy(c => c.IdNumber)
            .Select(g => new { Count = g.Count(), Employer = g.Sum(c => (long)c.EmployerAmount), Voluntary = g.Sum(c => (long)c.VoluntaryAmount) })
            .SingleOrDefaultAsync(cancellationToken);
        var earnings = await db.Set<PensionEarning>().AsNoTracking().Where(e => e.IdNumber == idNumber).SumAsync(e => (long?)e.Amount, cancellationToken) ?? 0;
        var count = sums?.Count ?? 0;
        var employer = sums?.Employer ?? 0;
        var voluntary = sums?.Voluntary ?? 0;

        var items = count == 0
            ? []
            : await (
                from c in contributions
                join u in db.Set<InsuredUnit>().AsNoTracking() on c.UnitCode equals u.UnitCode
                orderby c.Month descending, c.UnitCode
                select new { c.Month, c.UnitCode, u.Name, c.Wage, c.EmployerAmount, c.VoluntaryAmount })
                .Skip((page - 1) * pageSize).Take(pageSize)
                .ToListAsync(cancellationToken);

        var since = person.PensionScheme == Codes.SchemeNew ? InquiryFormat.Date(person.PensionSince) : null;
        return new PensionReport(
            person.PensionScheme,
            since,
            count == 0 ? NoData(person, language) : null,
            new PensionTotalsView(employer, voluntary, earnings, employer + voluntary + earnings),
            page,
            pageSize,
            count,
            items.ConvertAll(i => new PensionContributionView(InquiryFormat.Month(i.Month), i.UnitCode, i.Name, i.Wage, i.EmployerAmount, i.VoluntaryAmount)));
    }

    /// <summary>Why a person has no contributions to show: the scheme, or the day the act first covers them.</summary>
    public static PensionNoDataView NoData(Person person, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.PensionScheme == Codes.SchemeOld)
        {
            return new PensionNoDataView(
                "old-scheme",
                language == UiLanguage.En
                    ? "You are under the old pension scheme (Labor Standards Act): your employer keeps the retirement reserve, so there is no personal account."
                    : "您適用勞工退休金舊制（勞動基準法），退休準備金由雇主提撥，沒有個人專戶。",
                null);
        }

        var residence = ResidenceOf(person.Residence);
        var eligibleFrom = PensionEligibility.EligibleFrom(residence);
        if (eligibleFrom is null)
        {
            return new PensionNoDataView(
                "not-eligible",
                language == UiLanguage.En
                    ? "Your residence status is not covered by the Labor Pension Act, so there is no personal account."
                    : "您的居留身分不適用勞工退休金條例，因此沒有個人專戶。",
                null);
        }

        if (person.PensionScheme == Codes.SchemeNone)
        {
            var from = InquiryFormat.Date(eligibleFrom.Value);
            return new PensionNoDataView(
                "not-enrolled",
                language == UiLanguage.En
                    ? $"No employer has contributed to a labour pension account for you. People with your residence status can be covered from {from.Display}."
                    : $"尚無雇主為您提繳勞工退休金。您的身分自 {from.Display} 起適用勞工退休金條例。",
                from);
        }

        return new PensionNoDataView(
            "no-contributions",
            language == UiLanguage.En
                ? "You are in the new scheme, but no monthly contribution has been recorded yet."
                : "您適用勞工退休金新制，但尚無任何月份的提繳紀錄。",
            InquiryFormat.Date(eligibleFrom.Value));
    }

    private static PensionResidence ResidenceOf(string residence) => residence switch
    {
        Codes.Citizen => PensionResidence.Citizen,
        Codes.Aprc => PensionResidence.Aprc,
        _ => PensionResidence.OtherForeignResident,
    };

    private static int SalaryOn(List<(DateOnly Start, DateOnly? End, int Salary)> steps, DateOnly asOf)
    {
        foreach (var step in steps.OrderByDescending(s => s.Start))
        {
            if (step.Start <= asOf)
            {
                return step.Salary;
            }
        }

        return steps[0].Salary;
    }

    private static int KindRank(string kind) => kind switch
    {
        Codes.Labour => 0,
        Codes.Occupational => 1,
        _ => 2,
    };
}
