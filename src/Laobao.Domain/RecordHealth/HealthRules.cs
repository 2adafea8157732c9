using System.Collections.Immutable;
using Laobao.Domain.Pension;

namespace Laobao.Domain.RecordHealth;

/// <summary>A dated minimum: from <see cref="EffectiveFrom"/> until the next row.</summary>
public readonly record struct MinimumWageRow(DateOnly EffectiveFrom, int Amount);

/// <summary>The dated values the checks use, each with its source.</summary>
public static class HealthRules
{
    /// <summary>
    /// Grade 1 of 勞工保險投保薪資分級表, which is the monthly minimum wage (基本工資 / 最低工資) of the year. Source: Ministry
    /// of Labor, 基本工資之制訂與調整經過 (https://www.mol.gov.tw/1607/28690/2282/nodelist) and the 2024–2026 tables of
    /// <see cref="Salary.SalaryGradeTables"/> (SPEC §2: 27,470 / 28,590 / 29,500). Months before the first row are not
    /// checked: no minimum is held for them here.
    /// </summary>
    public static ImmutableArray<MinimumWageRow> MinimumGrade { get; } =
    [
        new(new DateOnly(2019, 1, 1), 23_100),
        new(new DateOnly(2020, 1, 1), 23_800),
        new(new DateOnly(2021, 1, 1), 24_000),
        new(new DateOnly(2022, 1, 1), 25_250),
        new(new DateOnly(2023, 1, 1), 26_400),
        new(new DateOnly(2024, 1, 1), 27_470),
        new(new DateOnly(2025, 1, 1), 28_590),
        new(new DateOnly(2026, 1, 1), 29_500),
    ];

    /// <summary>勞工退休金條例 Art. 14: the employer contributes at least 6 % of the monthly contribution wage.</summary>
    public const int EmployerMinimumPercent = 6;

    /// <summary>
    /// 勞工退休金條例 Art. 19: the bureau bills a month by the 25th of the next month and the employer pays by the end of the
    /// month after that; a month is checked only once that day has passed, so a month not yet billed is never "missing".
    /// </summary>
    public const int PaymentMonthsAfter = 2;

    /// <summary>勞工保險條例 Art. 58: 15 years of seniority for the old-age annuity; the check starts a year before.</summary>
    public const int ThresholdDays = 15 * 365;

    public const int NearDays = 365;

    /// <summary>Null before the first dated minimum.</summary>
    public static int? MinimumGradeOn(DateOnly day)
    {
        int? found = null;
        foreach (var row in MinimumGrade)
        {
            if (row.EffectiveFrom <= day)
            {
                found = row.Amount;
            }
        }

        return found;
    }

    /// <summary>
    /// From which day the new labour-pension scheme covered a person (SPEC §2): citizens from its start (unless they
    /// kept the old scheme), foreign spouses from 2014-01-17, APRC holders from 2019-05-17, foreign professionals with
    /// APRC from 2018-02-08; other foreign residents never.
    /// </summary>
    public static DateOnly? PensionEligibleFrom(PensionResidence residence, PensionScheme scheme)
    {
        if (scheme == PensionScheme.Old)
        {
            return null;
        }

        return PensionEligibility.EligibleFrom(residence);
    }
}
