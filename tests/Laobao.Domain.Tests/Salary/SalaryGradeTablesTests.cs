using Laobao.Domain.Salary;

namespace Laobao.Domain.Tests.Salary;

public sealed class SalaryGradeTablesTests
{
    private static readonly SalaryGradeTables Tables = SalaryGradeTables.Default;

    private static DateOnly Day(int year, int month, int day) => new(year, month, day);

    [Theory]
    [InlineData(2024, 27_470, 13)]
    [InlineData(2025, 28_590, 12)]
    [InlineData(2026, 29_500, 11)]
    public void Labour_ladder_runs_from_the_minimum_wage_to_45800(int year, int minimumWage, int regularGrades)
    {
        var table = Tables.TableFor(SalaryScale.LabourEmployment, Day(year, 6, 1));

        Assert.NotNull(table);
        Assert.Equal(Day(year, 1, 1), table.EffectiveFrom);
        Assert.Equal(45_800, table.Grades[^1]);
        Assert.Contains(minimumWage, table.Grades);
        Assert.Equal(regularGrades, table.Grades.Count(g => g >= minimumWage));
    }

    [Theory]
    [InlineData(2024, 27_470, 23)]
    [InlineData(2025, 28_590, 22)]
    [InlineData(2026, 29_500, 21)]
    public void Occupational_ladder_runs_from_the_minimum_wage_to_72800(int year, int minimumWage, int grades)
    {
        var table = Tables.TableFor(SalaryScale.Occupational, Day(year, 12, 31));

        Assert.NotNull(table);
        Assert.Equal(minimumWage, table.Grades[0]);
        Assert.Equal(72_800, table.Grades[^1]);
        Assert.Equal(grades, table.Grades.Count);
    }

    [Theory]
    [InlineData(2024, 27_470)]
    [InlineData(2025, 28_590)]
    [InlineData(2026, 29_500)]
    public void Pension_contribution_ladder_has_62_grades_from_1500_to_150000(int year, int minimumWage)
    {
        var table = Tables.TableFor(SalaryScale.PensionContribution, Day(year, 1, 1));

        Assert.NotNull(table);
        Assert.Equal(62, table.Grades.Count);
        Assert.Equal(1_500, table.Grades[0]);
        Assert.Equal(150_000, table.Grades[^1]);
        Assert.Contains(minimumWage, table.Grades);
    }

    [Fact]
    public void Every_table_is_strictly_ascending()
    {
        Assert.Equal(9, Tables.All.Count);
        foreach (var table in Tables.All)
        {
            Assert.Equal(table.Grades.Order(), table.Grades);
            Assert.Equal(table.Grades.Count, table.Grades.Distinct().Count());
        }
    }

    [Fact]
    public void The_table_changes_at_midnight_on_new_years_day()
    {
        Assert.True(Tables.IsOnGrade(SalaryScale.LabourEmployment, Day(2024, 12, 31), 27_470));
        Assert.False(Tables.IsOnGrade(SalaryScale.LabourEmployment, Day(2025, 1, 1), 27_470));
        Assert.True(Tables.IsOnGrade(SalaryScale.LabourEmployment, Day(2025, 1, 1), 28_590));
        Assert.True(Tables.IsOnGrade(SalaryScale.Occupational, Day(2025, 12, 31), 28_800));
        Assert.False(Tables.IsOnGrade(SalaryScale.Occupational, Day(2026, 1, 1), 28_800));
        Assert.False(Tables.IsOnGrade(SalaryScale.PensionContribution, Day(2026, 1, 1), 28_800));
        Assert.True(Tables.IsOnGrade(SalaryScale.PensionContribution, Day(2026, 1, 1), 28_590));
    }

    [Theory]
    [InlineData(SalaryScale.LabourEmployment, 36_000)]
    [InlineData(SalaryScale.LabourEmployment, 48_200)]
    [InlineData(SalaryScale.LabourEmployment, 10_000)]
    [InlineData(SalaryScale.Occupational, 76_500)]
    [InlineData(SalaryScale.Occupational, 11_100)]
    [InlineData(SalaryScale.PensionContribution, 151_000)]
    [InlineData(SalaryScale.PensionContribution, 0)]
    [InlineData(SalaryScale.PensionContribution, -1_500)]
    public void Amounts_between_or_beyond_grades_are_off_grade(SalaryScale scale, int salary)
    {
        Assert.False(Tables.IsOnGrade(scale, Day(2025, 6, 1), salary));
    }

    [Theory]
    [InlineData(SalaryScale.LabourEmployment, 11_100)]
    [InlineData(SalaryScale.LabourEmployment, 19_047)]
    [InlineData(SalaryScale.LabourEmployment, 45_800)]
    [InlineData(SalaryScale.Occupational, 72_800)]
    [InlineData(SalaryScale.PensionContribution, 1_500)]
    [InlineData(SalaryScale.PensionContribution, 150_000)]
    public void Published_amounts_including_part_time_grades_are_on_grade(SalaryScale scale, int salary)
    {
        Assert.True(Tables.IsOnGrade(scale, Day(2025, 6, 1), salary));
    }

    [Fact]
    public void No_table_before_2024_means_every_salary_passes()
    {
        Assert.Null(Tables.TableFor(SalaryScale.LabourEmployment, Day(2023, 12, 31)));
        Assert.True(Tables.IsOnGrade(SalaryScale.LabourEmployment, Day(2023, 12, 31), 12_345));
    }

    [Fact]
    public void A_later_year_keeps_the_newest_table()
    {
        Assert.Equal(Day(2026, 1, 1), Tables.TableFor(SalaryScale.Occupational, Day(2031, 5, 5))?.EffectiveFrom);
    }

    [Fact]
    public void Tables_out_of_order_or_twice_for_one_date_are_refused()
    {
        var day = Day(2030, 1, 1);
        Assert.Throws<ArgumentException>(() => new SalaryGradeTables([new SalaryGradeTable(SalaryScale.Occupational, day, [2, 1])]));
        Assert.Throws<ArgumentException>(() => new SalaryGradeTables([new SalaryGradeTable(SalaryScale.Occupational, day, [])]));
        Assert.Throws<ArgumentException>(() => new SalaryGradeTables(
            [new SalaryGradeTable(SalaryScale.Occupational, day, [1]), new SalaryGradeTable(SalaryScale.Occupational, day, [2])]));
    }
}
