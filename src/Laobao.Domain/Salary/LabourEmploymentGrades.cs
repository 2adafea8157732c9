using System.Collections.Immutable;

namespace Laobao.Domain.Salary;

/// <summary>
/// 勞工保險投保薪資分級表 (also used for employment insurance), as published by the Ministry of Labor / BLI
/// (https://www.bli.gov.tw/0005475.html). Each ladder starts at that year's minimum wage and ends at 45,800:
/// 2024 (13 grades, from 27,470); 2025 (勞動保2字第1130087589號令, 12 grades:
/// 27,600 dropped, 28,590 added); 2026 (勞動保2字第1140091863號令, 11 grades: 28,800 dropped, 29,500 added).
/// The notes of each table let part-time workers (部分工時) and others earning less than the minimum wage be
/// insured on the lower amounts of the pension ladder from 11,100 upwards; those amounts are part of
/// <see cref="SalaryGradeTable.Grades"/> here, because they are lawful insured salaries and a warning on them
/// would be wrong.
/// </summary>
internal static class LabourEmploymentGrades
{
    public static IEnumerable<SalaryGradeTable> Tables =>
    [
        new(SalaryScale.LabourEmployment, new DateOnly(2024, 1, 1), ImmutableArray.Create(
            // Part-time grades below the 2024 minimum wage.
            11_100, 12_540, 13_500, 15_840, 16_500, 17_280, 17_880, 19_047, 20_008, 21_009, 22_000, 23_100, 24_000, 25_250, 26_400,
            // Grades 1–13.
            27_470, 27_600, 28_800, 30_300, 31_800, 33_300, 34_800, 36_300, 38_200, 40_100, 42_000, 43_900, 45_800)),
        new(SalaryScale.LabourEmployment, new DateOnly(2025, 1, 1), ImmutableArray.Create(
            11_100, 12_540, 13_500, 15_840, 16_500, 17_280, 17_880, 19_047, 20_008, 21_009, 22_000, 23_100, 24_000, 25_250, 26_400, 27_600,
            // Grades 1–12.
            28_590, 28_800, 30_300, 31_800, 33_300, 34_800, 36_300, 38_200, 40_100, 42_000, 43_900, 45_800)),
        new(SalaryScale.LabourEmployment, new DateOnly(2026, 1, 1), ImmutableArray.Create(
            11_100, 12_540, 13_500, 15_840, 16_500, 17_280, 17_880, 19_047, 20_008, 21_009, 22_000, 23_100, 24_000, 25_250, 26_400, 27_600, 28_590,
            // Grades 1–11.
            29_500, 30_300, 31_800, 33_300, 34_800, 36_300, 38_200, 40_100, 42_000, 43_900, 45_800)),
    ];
}
