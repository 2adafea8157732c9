namespace Laobao.Domain.Pension;

/// <summary>What a person's residence status is for the labour-pension act.</summary>
public enum PensionResidence
{
    Citizen,
    ForeignSpouse,
    Aprc,
    ForeignProfessionalAprc,
    OtherForeignResident,
}

/// <summary>A person's pension scheme; CSV words <c>new</c>, <c>old</c>, <c>none</c>.</summary>
public enum PensionScheme
{
    New,
    Old,
    None,
}

/// <summary>From which day a person can be in the new labour-pension scheme (SPEC §2).</summary>
public static class PensionEligibility
{
    /// <summary>The new scheme (勞工退休金條例) began on this day.</summary>
    public static readonly DateOnly NewSchemeStart = new(2005, 7, 1);

    /// <summary>Null for residents the act does not cover at all.</summary>
    public static DateOnly? EligibleFrom(PensionResidence residence) => residence switch
    {
        PensionResidence.Citizen => NewSchemeStart,
        PensionResidence.ForeignSpouse => new DateOnly(2014, 1, 17),
        PensionResidence.Aprc => new DateOnly(2019, 5, 17),

        // The act for the recruitment and employment of foreign professionals covered them a year earlier than other APRC holders.
        PensionResidence.ForeignProfessionalAprc => new DateOnly(2018, 2, 8),
        PensionResidence.OtherForeignResident => null,
        _ => throw new ArgumentOutOfRangeException(nameof(residence), residence, "unknown pension residence"),
    };

    public static bool IsEligible(PensionResidence residence, DateOnly date) =>
        EligibleFrom(residence) is { } from && date >= from;
}
