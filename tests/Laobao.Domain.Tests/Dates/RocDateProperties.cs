using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Laobao.Domain.Dates;

namespace Laobao.Domain.Tests.Dates;

public sealed class RocDateProperties
{
    private static Arbitrary<DateOnly> RocDays() =>
        Gen.Choose(RocDate.MinValue.DayNumber, RocDate.MaxValue.DayNumber).Select(DateOnly.FromDayNumber).ToArbitrary();

    [Property(MaxTest = 5000)]
    public Property Compact_form_round_trips() =>
        Prop.ForAll(RocDays(), date => RocDate.TryParse(RocDate.ToCompact(date), out var back, out _) && back == date);

    [Property(MaxTest = 5000)]
    public Property Slashed_form_round_trips() =>
        Prop.ForAll(RocDays(), date => RocDate.TryParse(RocDate.ToSlashed(date), out var back, out _) && back == date);

    [Property(MaxTest = 2000)]
    public Property Compact_form_is_seven_digits_and_sorts_like_the_dates() =>
        Prop.ForAll(RocDays(), RocDays(), (a, b) =>
        {
            var (x, y) = (RocDate.ToCompact(a), RocDate.ToCompact(b));
            return x.Length == 7 && x.All(char.IsAsciiDigit) && Math.Sign(string.CompareOrdinal(x, y)) == Math.Sign(a.CompareTo(b));
        });

    [Property(MaxTest = 2000)]
    public Property Roc_year_is_gregorian_year_minus_1911() =>
        Prop.ForAll(RocDays(), date => RocDate.RocYear(date) == date.Year - 1911);
}
