using Laobao.Domain.Coverage;
using Laobao.Domain.Identity;
using Laobao.Domain.Pension;
using Laobao.Web.Data;
using Laobao.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Features.Inquiry.ReadModel;

/// <summary>
/// Reads one person's inquiry with four indexed queries whatever the size of the store: the person by
/// primary key, then coverage segments, pension contributions and earnings, each a range of its table's
/// primary key (which starts with the ID number) joined to the unit by its primary key.
/// </summary>
public sealed class PersonInquiryReader(LaobaoDbContext db, TimeProvider time)
{
    /// <summary>Null when no person has <paramref name="idNumber"/> (normalised first).</summary>
    public async Task<PersonInquiry?> ReadAsync(string idNumber, DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        var id = TaiwanId.Normalize(idNumber);
        var person = await PersonById.For(db)(db, id, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return null;
        }

        var day = asOf ?? DateOnly.FromDateTime(time.GetLocalNow().Date);
        var segments = await ToListAsync(SegmentsOf.For(db)(db, id), cancellationToken).ConfigureAwait(false);
        var contributions = await ToListAsync(ContributionsOf.For(db)(db, id), cancellationToken).ConfigureAwait(false);
        var earnings = await ToListAsync(EarningsOf.For(db)(db, id), cancellationToken).ConfigureAwait(false);

        var periods = segments
            .GroupBy(x => (x.Segment.UnitCode, x.Segment.Kind, x.Segment.PeriodStart))
            .Select(g =>
            {
                var first = g.First();
                var salaries = g.OrderBy(x => x.Segment.SegmentStart)
                    .Select(x => new InsuredSalaryView(x.Segment.SegmentStart, x.Segment.SegmentEnd, x.Segment.InsuredSalary))
                    .ToList();
                return new CoveragePeriodView(
                    first.Segment.UnitCode, first.Name, first.NameLatin, ToKind(first.Segment.Kind),
                    first.Segment.PeriodStart, first.Segment.PeriodEnd, salaries);
            })
            .OrderBy(p => p.Start).ThenBy(p => p.Kind).ThenBy(p => p.UnitCode, StringComparer.Ordinal)
            .ToList();

        var kinds = Enum.GetValues<InsuranceKind>()
            .Select(kind => Status(kind, periods.Where(p => p.Kind == kind && p.Start <= day).ToList(), day))
            .ToList();

        contributions.Sort((a, b) => a.Month != b.Month ? a.Month.CompareTo(b.Month) : string.CompareOrdinal(a.UnitCode, b.UnitCode));
        earnings.Sort((a, b) => a.Year.CompareTo(b.Year));
        var totals = new PensionTotals(
            contributions.Sum(c => (long)c.EmployerAmount), contributions.Sum(c => (long)c.VoluntaryAmount), earnings.Sum(e => e.Amount));
        var scheme = ToScheme(person.PensionScheme);
        var pension = new PensionInquiry(scheme, person.PensionSince, contributions, earnings, totals, Explain(person, scheme, contributions.Count));

        return new PersonInquiry(
            new PersonSummary(person.IdNumber, TaiwanId.Parse(person.IdNumber).Masked, person.Name, person.NameLatin, person.BirthDate, person.Nationality, person.Residence),
            new CoverageInquiry(day, periods, kinds),
            pension);
    }

    // The four queries are compiled once: every inquiry (API and e-desk) runs them, and building, funcletizing and
    // looking up their LINQ trees in the query cache was a visible per-request cost under load.
    private static readonly CompiledPerModel<Func<LaobaoDbContext, string, CancellationToken, Task<Person?>>> PersonById = new(() =>
        EF.CompileAsyncQuery((LaobaoDbContext db, string id, CancellationToken cancellationToken) =>
            db.Persons.AsNoTracking().FirstOrDefault(p => p.IdNumber == id)));

    private static readonly CompiledPerModel<Func<LaobaoDbContext, string, IAsyncEnumerable<SegmentRow>>> SegmentsOf = new(() =>
        EF.CompileAsyncQuery((LaobaoDbContext db, string id) =>
            from s in db.CoverageSegments.AsNoTracking()
            join u in db.InsuredUnits.AsNoTracking() on s.UnitCode equals u.UnitCode
            where s.IdNumber == id
            select new SegmentRow(s, u.Name, u.NameLatin)));

    private static readonly CompiledPerModel<Func<LaobaoDbContext, string, IAsyncEnumerable<MonthlyContribution>>> ContributionsOf = new(() =>
        EF.CompileAsyncQuery((LaobaoDbContext db, string id) =>
            from c in db.PensionContributions.AsNoTracking()
            join u in db.InsuredUnits.AsNoTracking() on c.UnitCode equals u.UnitCode
            where c.IdNumber == id
            select new MonthlyContribution(c.Month, c.UnitCode, u.Name, u.NameLatin, c.Wage, c.EmployerAmount, c.VoluntaryAmount)));

    private static readonly CompiledPerModel<Func<LaobaoDbContext, string, IAsyncEnumerable<YearlyEarning>>> EarningsOf = new(() =>
        EF.CompileAsyncQuery((LaobaoDbContext db, string id) =>
            db.PensionEarnings.AsNoTracking().Where(e => e.IdNumber == id).Select(e => new YearlyEarning(e.Year, e.Amount))));

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            list.Add(row);
        }

        return list;
    }

    private sealed record SegmentRow(CoverageSegment Segment, string Name, string? NameLatin);

    private static KindStatus Status(InsuranceKind kind, List<CoveragePeriodView> periods, DateOnly day)
    {
        var seniority = SeniorityCalculator.Compute(periods.Select(p => new CoveragePeriod(p.Start, p.End)), day);
        var current = periods.Where(p => p.End is null || p.End >= day).ToList();
        int? salary = current.Count == 0
            ? null
            : current.Max(p => p.Salaries.LastOrDefault(s => s.From <= day)?.InsuredSalary ?? 0);
        DateOnly? lastEnd = current.Count == 0 && periods.Count > 0 ? periods.Max(p => p.End) : null;
        return new KindStatus(kind, seniority, current.Count > 0, current.Select(p => p.UnitCode).ToList(), salary, lastEnd);
    }

    private static PensionExplanation? Explain(Person person, PensionScheme scheme, int contributionCount)
    {
        if (contributionCount > 0)
        {
            return null;
        }

        return scheme switch
        {
            PensionScheme.Old => new PensionExplanation(PensionExplanationCode.OldScheme, null),
            PensionScheme.New => new PensionExplanation(PensionExplanationCode.NoContributionsYet, person.PensionSince),
            _ => person.Residence switch
            {
                Codes.Citizen => new PensionExplanation(PensionExplanationCode.NoScheme, PensionEligibility.EligibleFrom(PensionResidence.Citizen)),
                Codes.Aprc => new PensionExplanation(PensionExplanationCode.ResidenceNotEligible, PensionEligibility.EligibleFrom(PensionResidence.Aprc)),
                _ => new PensionExplanation(PensionExplanationCode.ResidenceNotEligible, PensionEligibility.EligibleFrom(PensionResidence.ForeignSpouse)),
            },
        };
    }

    internal static InsuranceKind ToKind(string code) => code switch
    {
        Codes.Labour => InsuranceKind.Labour,
        Codes.Occupational => InsuranceKind.Occupational,
        _ => InsuranceKind.Employment,
    };

    internal static PensionScheme ToScheme(string code) => code switch
    {
        Codes.SchemeNew => PensionScheme.New,
        Codes.SchemeOld => PensionScheme.Old,
        _ => PensionScheme.None,
    };
}
