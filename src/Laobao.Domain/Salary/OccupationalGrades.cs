using System.Collections.Immutable;

namespace Laobao.Domain.Salary;

/// <summary>
/// 勞工職業災害保險投保薪資分級表 (https://www.bli.gov.tw/0106148.html), in force since the occupational-accident
/// act of 2022-05-01: the labour ladder from the minimum wage continued up to 72,800. 2024 has 23 grades, 2025 22
/// (27,600 dropped), 2026 21 (28,800 dropped). The published ladders list no part-time amounts below the first
/// grade, so unlike the labour table none are included and a lower occupational salary is flagged as off-grade.
/// </summary>
internal static class OccupationalGrades
{
    public static IEnumerable<SalaryGradeTable> Tables =>
    [
        new(SalaryScale.Occupational, new DateOnly(2024, 1, 1), ImmutableArray.Create(
            27_470, 27_600, 28_800, 30_300, 31_800, 33_300, 34_800, 36_300, 38_200, 40_100, 42_000, 43_900, 45_800,
            48_200, 50_600, 53_000, 55_400, 57_800, 60_800, 63_800, 66_800, 69_800, 72_800)),
        new(SalaryScale.Occupational, new DateOnly(2025, 1, 1), ImmutableArray.Create(
            28_590, 28_800, 30_300, 31_800, 33_300, 34_800, 36_300, 38_200, 40_100, 42_000, 43_900, 45_800,
            48_200, 50_600, 53_000, 55_400, 57_800, 60_800, 63_800, 66_800, 69_800, 72_800)),
        new(SalaryScale.Occupational, new DateOnly(2026, 1, 1), ImmutableArray.Create(
            29_500, 30_300, 31_800, 33_300, 34_800, 36_300, 38_200, 40_100, 42_000, 43_900, 45_800,
            48_200, 50_600, 53_000, 55_400, 57_800, 60_800, 63_800, 66_800, 69_800, 72_800)),
    ];
}
