using System.Globalization;

namespace Laobao.Domain.Salary;

/// <summary>
/// The grade tables by scale and effective date. Imports use <see cref="IsOnGrade"/> to flag an insured salary
/// that is not on its ladder (a warning, never a rejection: SPEC §2).
/// </summary>
public sealed class SalaryGradeTables
{
    private readonly SalaryGradeTable[] tables;

    /// <exception cref="ArgumentException">A table is empty, not strictly ascending, or two tables share a scale and date.</exception>
    public SalaryGradeTables(IEnumerable<SalaryGradeTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        this.tables = [.. tables.OrderBy(t => t.Scale).ThenByDescending(t => t.EffectiveFrom)];
        for (var i = 0; i < this.tables.Length; i++)
        {
            var table = this.tables[i];
            if (table.Grades.Count == 0 || table.Grades[0] <= 0 || !IsStrictlyAscending(table.Grades))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"the {table.Scale} table from {table.EffectiveFrom:yyyy-MM-dd} must list positive grades in ascending order"),
                    nameof(tables));
            }

            if (i > 0 && this.tables[i - 1].Scale == table.Scale && this.tables[i - 1].EffectiveFrom == table.EffectiveFrom)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"two {table.Scale} tables take effect on {table.EffectiveFrom:yyyy-MM-dd}"),
                    nameof(tables));
            }
        }
    }

    /// <summary>The published 2024, 2025 and 2026 tables.</summary>
    public static SalaryGradeTables Default { get; } = new(
        [.. LabourEmploymentGrades.Tables, .. OccupationalGrades.Tables, .. PensionContributionGrades.Tables]);

    /// <summary>Every table, by scale and then newest first.</summary>
    public IReadOnlyList<SalaryGradeTable> All => tables;

    /// <summary>The table in force on <paramref name="date"/>, or null when none had taken effect yet.</summary>
    public SalaryGradeTable? TableFor(SalaryScale scale, DateOnly date) =>
        Array.Find(tables, t => t.Scale == scale && t.EffectiveFrom <= date);

    /// <summary>True when <paramref name="salary"/> is one of the grades in force, or when no table covers the date.</summary>
    public bool IsOnGrade(SalaryScale scale, DateOnly date, int salary)
    {
        var table = TableFor(scale, date);
        return table is null || BinarySearch(table.Grades, salary);
    }

    private static bool IsStrictlyAscending(IReadOnlyList<int> grades)
    {
        for (var i = 1; i < grades.Count; i++)
        {
            if (grades[i] <= grades[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static bool BinarySearch(IReadOnlyList<int> grades, int salary)
    {
        var low = 0;
        var high = grades.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var grade = grades[middle];
            if (grade == salary)
            {
                return true;
            }

            if (grade < salary)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return false;
    }
}
