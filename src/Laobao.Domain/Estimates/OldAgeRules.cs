using System.Collections.Immutable;

namespace Laobao.Domain.Estimates;

/// <summary>
/// The legal claim age for people born in a range of years (勞工保險條例 Art. 58 para. 5: 60, raised one year in the
/// tenth year after the 2008 amendment took effect, then one year every two years, to 65).
/// </summary>
public sealed record ClaimAgeRow(int BornFrom, int BornTo, int Age, string Article);

/// <summary>The top grade of the labour-insurance scale (勞工保險投保薪資分級表) in force from <see cref="EffectiveFrom"/>.</summary>
public sealed record TopGradeRow(DateOnly EffectiveFrom, int TopGrade, string Source);

/// <summary>
/// The old-age benefit rules (勞工保險條例) in force from <see cref="EffectiveFrom"/>. A change of law is a new row in
/// <see cref="OldAgeRules.Parameters"/>, never an edit of an old one, so an estimate names the row it used.
/// </summary>
/// <param name="RateA">Formula A: S × Y × <paramref name="RateA"/> + <paramref name="ConstantA"/> (Art. 58-1 para. 1 (1)).</param>
/// <param name="RateB">Formula B: S × Y × <paramref name="RateB"/> (Art. 58-1 para. 1 (2)).</param>
/// <param name="AnnuityMinimumYears">Years of seniority for the annuity; under them, the lump sum (Art. 58 para. 1).</param>
/// <param name="AveragedMonths">The highest months averaged into S (Art. 19 para. 3).</param>
/// <param name="AdjustmentPerYear">The reduction per year claimed early and increase per year deferred (Art. 58-2).</param>
/// <param name="MaximumYearsEarlyOrLate">How many years early or late the adjustment reaches (Art. 58-2).</param>
/// <param name="MaximumYearsAfter60">Seniority after 60 counted for a lump sum (Art. 58, 59).</param>
/// <param name="OldSystemCutoff">Only people with seniority before this day may choose the old-system lump sum (Art. 58 para. 2).</param>
/// <param name="OldSystemAveragedMonths">The last covered months averaged for the old-system lump sum (Art. 19 para. 3).</param>
/// <param name="OldSystemYearsAtOneMonth">Years counted at one month each; beyond them, two months a year (Art. 59 para. 1).</param>
/// <param name="OldSystemCapMonths">The old-system lump sum counts at most these months for seniority before 60 (Art. 59 para. 1).</param>
/// <param name="OldSystemCapMonthsWithYearsAfter60">…and at most these in all with seniority after 60 (Art. 59 para. 2).</param>
public sealed record OldAgeParameters(
    DateOnly EffectiveFrom,
    string Source,
    decimal RateA,
    int ConstantA,
    decimal RateB,
    int AnnuityMinimumYears,
    int AveragedMonths,
    decimal AdjustmentPerYear,
    int MaximumYearsEarlyOrLate,
    int MaximumYearsAfter60,
    DateOnly OldSystemCutoff,
    int OldSystemAveragedMonths,
    int OldSystemYearsAtOneMonth,
    int OldSystemCapMonths,
    int OldSystemCapMonthsWithYearsAfter60);

/// <summary>The dated rules of the labour-insurance old-age benefit (SPEC §9).</summary>
public static class OldAgeRules
{
    /// <summary>Days to a year of seniority, as BLI holds it (SPEC §2).</summary>
    public const int DaysPerYear = 365;

    /// <summary>Days to a month of a part-year (Art. 59 para. 3: 未滿三十日者，以一個月計算).</summary>
    public const int DaysPerMonth = 30;

    /// <summary>Consecutive days of concurrent cover from which several employers' salaries combine (Art. 19 para. 3).</summary>
    public const int ConcurrentDaysToCombine = 30;

    public const string ActZh = "勞工保險條例";

    public const string ActEn = "Labour Insurance Act";

    /// <summary>Birth years and claim ages, oldest first.</summary>
    public static ImmutableArray<ClaimAgeRow> ClaimAges { get; } =
    [
        new(int.MinValue, 1957, 60, "Art. 58"),
        new(1958, 1958, 61, "Art. 58 para. 5"),
        new(1959, 1959, 62, "Art. 58 para. 5"),
        new(1960, 1960, 63, "Art. 58 para. 5"),
        new(1961, 1961, 64, "Art. 58 para. 5"),
        new(1962, int.MaxValue, 65, "Art. 58 para. 5"),
    ];

    /// <summary>
    /// Top grades of the labour scale, newest last. 45,800 from 2014-07-01 (勞動部 2014 amendment of the grade table);
    /// 43,900 from 2007-07-01 (行政院勞工委員會 2007 table); 42,000 before that, which Laobao applies to all older
    /// months (earlier tables with lower tops are not modelled). Only 45,800 is in SPEC §9; the two older rows are
    /// Laobao's assumptions and the screens say so (docs/estimates.md, "Sources and assumptions").
    /// </summary>
    public static ImmutableArray<TopGradeRow> TopGrades { get; } =
    [
        new(DateOnly.MinValue, 42_000, "勞工保險投保薪資分級表 before 2007-07-01 (applied to every older month; assumed by Laobao, not in SPEC §9)"),
        new(new DateOnly(2007, 7, 1), 43_900, "勞工保險投保薪資分級表 from 2007-07-01 (assumed by Laobao, not in SPEC §9)"),
        new(new DateOnly(2014, 7, 1), 45_800, "勞工保險投保薪資分級表 from 2014-07-01 (勞動部)"),
    ];

    /// <summary>The old-age rules, oldest first: the annuity took effect with the 2008 amendment on 2009-01-01.</summary>
    public static ImmutableArray<OldAgeParameters> Parameters { get; } =
    [
        new(
            new DateOnly(2009, 1, 1),
            "勞工保險條例 as amended 2008-08-13 (華總一義字第09700086831號), in force 2009-01-01",
            RateA: 0.00775m,
            ConstantA: 3_000,
            RateB: 0.0155m,
            AnnuityMinimumYears: 15,
            AveragedMonths: 60,
            AdjustmentPerYear: 0.04m,
            MaximumYearsEarlyOrLate: 5,
            MaximumYearsAfter60: 5,
            OldSystemCutoff: new DateOnly(2009, 1, 1),
            OldSystemAveragedMonths: 36,
            OldSystemYearsAtOneMonth: 15,
            OldSystemCapMonths: 45,
            OldSystemCapMonthsWithYearsAfter60: 50),
    ];

    /// <summary>The claim-age row for <paramref name="birthYear"/>.</summary>
    public static ClaimAgeRow ClaimAgeFor(int birthYear) => ClaimAges.First(r => r.BornFrom <= birthYear && birthYear <= r.BornTo);

    public static int LegalClaimAge(int birthYear) => ClaimAgeFor(birthYear).Age;

    /// <summary>The top grade in force on <paramref name="day"/>.</summary>
    public static int TopGradeOn(DateOnly day) => TopGrades.Last(r => r.EffectiveFrom <= day).TopGrade;

    /// <summary>The rules in force on <paramref name="day"/> (the oldest row for any earlier day: no estimate predates the annuity).</summary>
    public static OldAgeParameters On(DateOnly day) =>
        Parameters.LastOrDefault(p => p.EffectiveFrom <= day) ?? Parameters[0];
}
