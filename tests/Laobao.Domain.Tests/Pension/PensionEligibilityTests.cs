using Laobao.Domain.Pension;

namespace Laobao.Domain.Tests.Pension;

public sealed class PensionEligibilityTests
{
    [Theory]
    [InlineData(PensionResidence.Citizen, 2005, 7, 1)]
    [InlineData(PensionResidence.ForeignSpouse, 2014, 1, 17)]
    [InlineData(PensionResidence.Aprc, 2019, 5, 17)]
    [InlineData(PensionResidence.ForeignProfessionalAprc, 2018, 2, 8)]
    public void Eligible_from_the_day_the_law_took_them_in(PensionResidence residence, int year, int month, int day)
    {
        var from = new DateOnly(year, month, day);

        Assert.Equal(from, PensionEligibility.EligibleFrom(residence));
        Assert.True(PensionEligibility.IsEligible(residence, from));
        Assert.True(PensionEligibility.IsEligible(residence, new DateOnly(2026, 11, 27)));
        Assert.False(PensionEligibility.IsEligible(residence, from.AddDays(-1)));
    }

    [Fact]
    public void Other_foreign_residents_are_never_eligible()
    {
        Assert.Null(PensionEligibility.EligibleFrom(PensionResidence.OtherForeignResident));
        Assert.False(PensionEligibility.IsEligible(PensionResidence.OtherForeignResident, new DateOnly(2026, 11, 27)));
    }

    [Fact]
    public void An_undefined_residence_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PensionEligibility.EligibleFrom((PensionResidence)99));
    }
}
