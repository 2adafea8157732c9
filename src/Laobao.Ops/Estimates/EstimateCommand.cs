using System.Globalization;
using System.Text.Json;
using Laobao.Client;
using Laobao.Domain.Estimates;
using Laobao.Domain.Identity;
using Laobao.Domain.Dates;
using Laobao.Web.Data;
using Laobao.Web.Features.Estimates;
using Laobao.Web.Features.Inquiry.ReadModel;

namespace Laobao.Ops.Estimates;

/// <summary>
/// <c>laobao estimate ID [--as-of YYYY-MM-DD] [--json]</c>: the old-age estimate of SPEC §9 from the stored record,
/// made by the same <see cref="EstimateService"/> as the e-desk and the API.
/// </summary>
internal static class EstimateCommand
{
    public const string Usage = "laobao estimate ID [--as-of YYYY-MM-DD] [--json]";

    public const string Summary = "old-age estimate (老年給付試算) of one person, SPEC §9";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(args, output, error, () => Database.OpsDatabase.FromEnvironment(), TimeProvider.System);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<DatabaseSettings> store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(store);
        string? idText = null;
        DateOnly? asOf = null;
        var json = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    await output.WriteLineAsync($"Usage: {Usage}  ({Summary})").ConfigureAwait(false);
                    return ExitCodes.Ok;
                case "--json":
                    json = true;
                    break;
                case "--as-of":
                    if (i + 1 >= args.Length)
                    {
                        throw new OpsUsageException("--as-of needs a date YYYY-MM-DD");
                    }

                    asOf = DateOnly.TryParseExact(args[++i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                        ? day
                        : throw new OpsUsageException($"--as-of '{args[i]}' is not a date YYYY-MM-DD");
                    break;
                case { } other when other.StartsWith('-') && other.Length > 1 && !char.IsLetterOrDigit(other[1]):
                    throw new OpsUsageException($"unknown option '{other}'");
                case { } other when other.StartsWith("--", StringComparison.Ordinal):
                    throw new OpsUsageException($"unknown option '{other}'");
                default:
                    if (idText is not null)
                    {
                        throw new OpsUsageException("expected one ID");
                    }

                    idText = args[i];
                    break;
            }
        }

        if (idText is null)
        {
            throw new OpsUsageException("missing ID");
        }

        if (!TaiwanId.TryParse(idText, out var id, out var problem))
        {
            await error.WriteLineAsync($"laobao estimate: {problem.Message}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        var settings = store();
        var day0 = asOf ?? DateOnly.FromDateTime(time.GetLocalNow().Date);
        await using var db = settings.CreateContext();
        var inquiry = await new PersonInquiryReader(db, time).ReadAsync(id.Value, day0).ConfigureAwait(false);
        if (inquiry is null)
        {
            await error.WriteLineAsync($"laobao estimate: no person with ID {id.Masked} is on record").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        var work = EstimateService.Work(inquiry, day0, EstimateScenario.None);
        var figures = EstimateService.Figures(id.Value, work.Estimate);
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(figures, Json)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        await WriteTextAsync(output, figures, work.Estimate).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task WriteTextAsync(TextWriter output, EstimateFigures f, OldAgeEstimate e)
    {
        static string M(int? amount) => amount is { } a ? EstimateText.Money(a) : "—";
        var lines = new List<string>
        {
            $"老年給付試算 / Old-age estimate: {TaiwanId.Parse(f.IdNumber).Masked}, as of {RocDate.FormatBoth(e.AsOf)}",
            Inv($"seniority (年資): {f.SeniorityDays:N0} days = {e.WholeYears} years + {e.ExtraMonths} months; insured years Y = {f.InsuredYears}"),
            $"average insured salary S (highest {e.AveragedMonths.Count} of {e.CoveredMonths.Count} months): {M(f.AverageInsuredSalary)}",
            Inv($"legal claim age: {f.LegalClaimAge} (born {e.BirthDate.Year}, Labour Insurance Act Art. 58)"),
        };
        if (f.Annuity.Eligible)
        {
            lines.Add($"annuity (老年年金, Art. 58-1): formula A {M(f.Annuity.FormulaA)}, formula B {M(f.Annuity.FormulaB)}, monthly {M(f.Annuity.Monthly)}");
            lines.Add("  by claim age (Art. 58-2):");
            lines.AddRange(f.Annuity.ByClaimAge.Select(a => Inv($"    {a.Age}: {a.Percent,3} %  {M(a.Monthly),10} a month")));
        }
        else
        {
            lines.Add(Inv($"annuity (老年年金): not eligible, {f.SeniorityDays:N0} of 5,475 days (15 years, Art. 58)"));
        }

        lines.Add(f.LumpSum.Eligible ? $"lump sum (老年一次金, Art. 58, 59): {M(f.LumpSum.Amount)}" : "lump sum (老年一次金): not applicable with 15 years or more");
        lines.Add(f.OldSystemLumpSum.Available
            ? Inv($"old-system lump sum (舊制一次請領, Art. 59): {M(f.OldSystemLumpSum.AverageInsuredSalary)} × {f.OldSystemLumpSum.Months} months = {M(f.OldSystemLumpSum.Amount)}")
            : "old-system lump sum (舊制一次請領): not available (no seniority before 2009-01-01)");
        if (!e.HasCoverage)
        {
            lines.Add("No labour-insurance cover is on record: there is no old-age benefit to estimate.");
        }

        foreach (var line in lines)
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }
    }

    private static string Inv(FormattableString text) => FormattableString.Invariant(text);
}
