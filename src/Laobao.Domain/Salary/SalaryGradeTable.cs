namespace Laobao.Domain.Salary;

/// <summary>The grade ladders SPEC §2 names.</summary>
public enum SalaryScale
{
    /// <summary>勞工保險投保薪資分級表, used for labour and employment insurance alike.</summary>
    LabourEmployment,

    /// <summary>勞工職業災害保險投保薪資分級表.</summary>
    Occupational,

    /// <summary>勞工退休金月提繳分級表 (contribution wages).</summary>
    PensionContribution,
}

/// <summary>One published ladder: the monthly amounts, ascending, valid from <see cref="EffectiveFrom"/> until the next table.</summary>
public sealed record SalaryGradeTable(SalaryScale Scale, DateOnly EffectiveFrom, IReadOnlyList<int> Grades);
