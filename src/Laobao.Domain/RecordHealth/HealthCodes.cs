namespace Laobao.Domain.RecordHealth;

/// <summary>The stable codes of the record health checks (SPEC §12); screens, the API and cases use these words.</summary>
public static class HealthCodes
{
    /// <summary>Days without labour-insurance cover between two covered periods.</summary>
    public const string CoverageGap = "coverage-gap";

    /// <summary>An insured salary below grade 1 (the minimum wage) of the labour scale in force that month.</summary>
    public const string SalaryBelowMinimum = "salary-below-minimum";

    /// <summary>A month covered at a unit while eligible for the new pension scheme, with no contribution from that unit.</summary>
    public const string PensionMonthMissing = "pension-month-missing";

    /// <summary>A contribution whose employer part is below 6 % of the contribution wage.</summary>
    public const string PensionEmployerBelowSixPercent = "pension-employer-below-6-percent";

    /// <summary>Labour seniority within a year of 15 years (the annuity threshold).</summary>
    public const string SeniorityNearThreshold = "seniority-near-15-years";

    public static IReadOnlyList<string> All { get; } =
        [CoverageGap, SalaryBelowMinimum, PensionMonthMissing, PensionEmployerBelowSixPercent, SeniorityNearThreshold];
}
