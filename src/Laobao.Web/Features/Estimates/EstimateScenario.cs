using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Laobao.Web.Features.Estimates;

/// <summary>
/// What the person asks on top of the record: the claim age, "keep working until age N" (at the current salary or
/// <see cref="Salary"/>), the voluntary pension rate and the assumed yearly return, both in percent.
/// </summary>
public sealed record EstimateScenario(int? ClaimAge, int? WorkUntilAge, decimal VoluntaryRatePercent, decimal? AssumedReturnPercent, int? Salary)
{
    public static EstimateScenario None { get; } = new(null, null, 0m, null, null);
}

/// <summary>A scenario value that is not acceptable: the parameter and a sentence in each language.</summary>
public sealed record ScenarioProblem(string Parameter, string En, string Zh)
{
    public string In(Localization.UiLanguage language) => language == Localization.UiLanguage.En ? En : Zh;
}

/// <summary>
/// Reads scenario values from query strings (API) or form fields (pages) with the same rules, so a hostile value
/// (negative, absurd, huge, not a number) becomes a <see cref="ScenarioProblem"/> and never an exception.
/// </summary>
public static class EstimateScenarioParser
{
    public const string ClaimAge = "claimAge";
    public const string WorkUntil = "workUntil";
    public const string VoluntaryRate = "voluntaryRate";
    public const string AssumedReturn = "assumedReturn";
    public const string Salary = "salary";

    /// <summary>Ages any person's table can reach: 60 − 5 to 65 + 5 (Art. 58, 58-2).</summary>
    public const int MinimumAge = 55;
    public const int MaximumAge = 70;

    /// <summary>Salaries from the lowest to the highest amount of any ladder Laobao holds (pension wages 1,500–150,000).</summary>
    public const int MinimumSalary = 1_500;
    public const int MaximumSalary = 150_000;

    public const decimal MinimumReturnPercent = -5m;
    public const decimal MaximumReturnPercent = 15m;

    private const int LongestValue = 12;

    public static bool TryParse(Func<string, StringValues> read, out EstimateScenario scenario, out ScenarioProblem? problem)
    {
        ArgumentNullException.ThrowIfNull(read);
        scenario = EstimateScenario.None;
        problem = null;
        if (!Integer(read, ClaimAge, MinimumAge, MaximumAge, "歲數", out var claimAge, ref problem)
            || !Integer(read, WorkUntil, 16, MaximumAge, "歲數", out var workUntil, ref problem)
            || !Percent(read, VoluntaryRate, 0m, 6m, out var voluntary, ref problem)
            || !Percent(read, AssumedReturn, MinimumReturnPercent, MaximumReturnPercent, out var assumed, ref problem)
            || !Integer(read, Salary, MinimumSalary, MaximumSalary, "新臺幣元", out var salary, ref problem))
        {
            return false;
        }

        scenario = new EstimateScenario(claimAge, workUntil, voluntary ?? 0m, assumed, salary);
        return true;
    }

    private static string? One(Func<string, StringValues> read, string name, ref ScenarioProblem? problem)
    {
        var values = read(name);
        if (values.Count > 1)
        {
            problem = new ScenarioProblem(name, $"{name} is given more than once; give it once.", $"{name} 只能提供一次。");
            return null;
        }

        return values.Count == 0 || string.IsNullOrWhiteSpace(values[0]) ? null : values[0]!.Trim();
    }

    private static bool Integer(Func<string, StringValues> read, string name, int min, int max, string unitZh, out int? value, ref ScenarioProblem? problem)
    {
        value = null;
        var text = One(read, name, ref problem);
        if (problem is not null)
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        if (text.Length > LongestValue || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            problem = new ScenarioProblem(name, $"{name} must be a whole number from {min:N0} to {max:N0}; '{Shown(text)}' is not a whole number.", $"{name} 必須是 {min:N0} 到 {max:N0} 的整數（{unitZh}）；「{Shown(text)}」不是整數。");
            return false;
        }

        if (number < min || number > max)
        {
            problem = new ScenarioProblem(name, $"{name} must be from {min:N0} to {max:N0}; {number:N0} is out of range.", $"{name} 必須介於 {min:N0} 到 {max:N0}（{unitZh}）；{number:N0} 超出範圍。");
            return false;
        }

        value = number;
        return true;
    }

    private static bool Percent(Func<string, StringValues> read, string name, decimal min, decimal max, out decimal? value, ref ScenarioProblem? problem)
    {
        value = null;
        var text = One(read, name, ref problem);
        if (problem is not null)
        {
            return false;
        }

        if (text is null)
        {
            return true;
        }

        if (text.Length > LongestValue
            || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            || decimal.Round(number, 2) != number)
        {
            problem = new ScenarioProblem(name, $"{name} must be a percentage from {min} to {max} with at most two decimals; '{Shown(text)}' is not.", $"{name} 必須是 {min} 到 {max} 的百分比，最多兩位小數；「{Shown(text)}」不符合。");
            return false;
        }

        if (number < min || number > max)
        {
            problem = new ScenarioProblem(name, $"{name} must be from {min} % to {max} %; {number} % is out of range.", $"{name} 必須介於 {min}% 到 {max}%；{number}% 超出範圍。");
            return false;
        }

        value = number;
        return true;
    }

    /// <summary>Echoes at most a short, printable part of what was sent.</summary>
    private static string Shown(string text)
    {
        var cut = text.Length > LongestValue ? text[..LongestValue] + "…" : text;
        return new string([.. cut.Where(c => !char.IsControl(c))]);
    }
}
