using System.Collections.Immutable;

namespace Laobao.Domain.Estimates;

/// <summary>
/// Parameters of the labour-pension account (勞工退休金條例, Labor Pension Act) in force from <see cref="EffectiveFrom"/>.
/// </summary>
/// <param name="EmployerRate">The employer's contribution, at least 6 % of the contribution wage (Art. 14 para. 1).</param>
/// <param name="MaximumVoluntaryRate">The worker's voluntary contribution, up to 6 % (Art. 14 para. 3).</param>
/// <param name="ClaimAge">The age from which the account is paid (Art. 24 para. 1).</param>
/// <param name="MinimumYearsForMonthly">Contribution years for a monthly pension; under them, a lump sum (Art. 24 para. 1).</param>
/// <param name="GuaranteedReturn">The guaranteed minimum yearly return: the local banks' two-year time-deposit rate
/// (Art. 23 para. 2; Enforcement Rules Art. 32). Laobao's default assumed return.</param>
/// <param name="AnnuityInterest">The interest rate of the annuity that turns the balance into a monthly pension (Art. 23 para. 3; Enforcement Rules Art. 31).</param>
/// <param name="LifeExpectancyAt60">The average remaining life at 60 of the annuity life table (年金生命表), in years (Enforcement Rules Art. 31).</param>
public sealed record LaborPensionParameters(
    DateOnly EffectiveFrom,
    string Source,
    decimal EmployerRate,
    decimal MaximumVoluntaryRate,
    int ClaimAge,
    int MinimumYearsForMonthly,
    decimal GuaranteedReturn,
    decimal AnnuityInterest,
    decimal LifeExpectancyAt60);

/// <summary>The dated parameters of the labour-pension projection.</summary>
public static class LaborPensionRules
{
    public const string ActZh = "勞工退休金條例";

    public const string ActEn = "Labor Pension Act";

    /// <summary>
    /// Oldest first. The articles fix the rules but not the numbers: the 2024 row's guaranteed return, annuity interest
    /// and life expectancy are Laobao's assumptions (shown as such on screen); docs/estimates.md ("Sources and
    /// assumptions") says how to add the bureau's yearly figures as a new row with their source.
    /// </summary>
    public static ImmutableArray<LaborPensionParameters> Parameters { get; } =
    [
        new(
            new DateOnly(2024, 1, 1),
            "勞工退休金條例 Art. 14, 23, 24; 勞工退休金條例施行細則 Art. 31, 32 (rates and life expectancy assumed by Laobao, 2024)",
            EmployerRate: 0.06m,
            MaximumVoluntaryRate: 0.06m,
            ClaimAge: 60,
            MinimumYearsForMonthly: 15,
            GuaranteedReturn: 0.017m,
            AnnuityInterest: 0.017m,
            LifeExpectancyAt60: 24m),
    ];

    public static LaborPensionParameters On(DateOnly day) =>
        Parameters.LastOrDefault(p => p.EffectiveFrom <= day) ?? Parameters[0];
}
