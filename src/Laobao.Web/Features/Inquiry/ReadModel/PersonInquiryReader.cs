using Laobao.Domain.Coverage;
using Laobao.Domain.Identity;
using Laobao.Domain.Pension;
using Laobao.Web.Data;
using Laobao.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Laobao.Web.Features.Inquiry.ReadModel;

/// <summary>
/// Reads one person's inquiry with four indexed statements in one round trip whatever the size of the store: the person by
/// primary key, then coverage segments, pension contributions and earnings, each a range of its table's
/// primary key (which starts with the ID number) joined to the unit by its primary key.
/// </summary>
public sealed class PersonInquiryReader(LaobaoDbContext db, TimeProvider time)
{
    /// <summary>Null when no person has <paramref name="idNumber"/> (normalised first).</summary>
    public async Task<PersonInquiry?> ReadAsync(string idNumber, DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        var id = TaiwanId.Normalize(idNumber);
        var rows = await ReadRowsAsync(id, cancellationToken).ConfigureAwait(false);
        if (rows is null)
        {
            return null;
        }

        var (person, segments, contributions, earnings) = rows.Value;
        var day = asOf ?? DateOnly.FromDateTime(time.GetLocalNow().Date);

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

    // The four reads go to the database in one round trip (one batch on PostgreSQL, one multi-statement command on
    // SQLite) and are read straight off the data reader: the profile of GET /api/v1/me/coverage showed four round
    // trips through EF Core's query pipeline (even compiled) as most of what the inquiry cost beyond raw ADO.NET.
    // Each statement is a range of its table's primary key, which starts with the ID number.
    private const string PersonSql =
        "SELECT id_number, name, name_latin, birth_date, nationality, residence, pension_scheme, pension_since FROM persons WHERE id_number = @id";

    private const string SegmentsSql =
        "SELECT s.unit_code, s.kind, s.period_start, s.period_end, s.segment_start, s.segment_end, s.insured_salary, u.name, u.name_latin "
        + "FROM coverage_segments s JOIN insured_units u ON u.unit_code = s.unit_code WHERE s.id_number = @id";

    private const string ContributionsSql =
        "SELECT c.month, c.unit_code, u.name, u.name_latin, c.wage, c.employer_amount, c.voluntary_amount "
        + "FROM pension_contributions c JOIN insured_units u ON u.unit_code = c.unit_code WHERE c.id_number = @id";

    private const string EarningsSql = "SELECT year, amount FROM pension_earnings WHERE id_number = @id";

    private const string AllSql = PersonSql + ";\n" + SegmentsSql + ";\n" + ContributionsSql + ";\n" + EarningsSql;

    private async Task<(Person Person, List<SegmentRow> Segments, List<MonthlyContribution> Contributions, List<YearlyEarning> Earnings)?> ReadRowsAsync(
        string id, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (owner, reader) = await ExecuteAsync(connection, id, cancellationToken).ConfigureAwait(false);
            await using var ownerScope = owner.ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var person = new Person
            {
                IdNumber = reader.GetString(0),
                Name = reader.GetString(1),
                NameLatin = NullableString(reader, 2),
                BirthDate = reader.GetFieldValue<DateOnly>(3),
                Nationality = reader.GetString(4),
                Residence = reader.GetString(5),
                PensionScheme = reader.GetString(6),
                PensionSince = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7),
            };

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var segments = new List<SegmentRow>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                segments.Add(new SegmentRow(
                    new CoverageSegment
                    {
                        IdNumber = id,
                        UnitCode = reader.GetString(0),
                        Kind = reader.GetString(1),
                        PeriodStart = reader.GetFieldValue<DateOnly>(2),
                        PeriodEnd = reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                        SegmentStart = reader.GetFieldValue<DateOnly>(4),
                        SegmentEnd = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5),
                        InsuredSalary = reader.GetInt32(6),
                    },
                    reader.GetString(7),
                    NullableString(reader, 8)));
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var contributions = new List<MonthlyContribution>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                contributions.Add(new MonthlyContribution(
                    reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), NullableString(reader, 3),
                    reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6)));
            }

            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            var earnings = new List<YearlyEarning>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                earnings.Add(new YearlyEarning(reader.GetInt32(0), reader.GetInt64(1)));
            }

            return (person, segments, contributions, earnings);
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }

    private async Task<(IAsyncDisposable Owner, System.Data.Common.DbDataReader Reader)> ExecuteAsync(System.Data.Common.DbConnection connection, string id, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (connection.CanCreateBatch)
        {
            // PostgreSQL: four statements in one batch, one network round trip.
            var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var sql in (string[])[PersonSql, SegmentsSql, ContributionsSql, EarningsSql])
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@id";
                parameter.Value = id;
                command.Parameters.Add(parameter);
                batch.BatchCommands.Add(command);
            }

            return (batch, await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false));
        }

        // SQLite (no DbBatch): one command holding the four statements, read as four result sets.
        var single = connection.CreateCommand();
        single.Transaction = transaction;
        single.CommandText = AllSql;
        var shared = single.CreateParameter();
        shared.ParameterName = "@id";
        shared.Value = id;
        single.Parameters.Add(shared);
        return (single, await single.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false));
    }

    private static string? NullableString(System.Data.Common.DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

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
