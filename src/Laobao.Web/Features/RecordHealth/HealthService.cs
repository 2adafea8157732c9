using Laobao.Client;
using Laobao.Domain.Coverage;
using Laobao.Domain.Pension;
using Laobao.Domain.RecordHealth;
using Laobao.Web.Data;
using Laobao.Web.Features.Inquiry;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Localization;

namespace Laobao.Web.Features.RecordHealth;

/// <summary>
/// The record health report for one person (SPEC §12): the inquiry read model turned into the domain's
/// <see cref="HealthRecord"/>, checked, and worded in the asked language. The e-desk, the app (through the API) and the
/// staff page all call this, so they never disagree.
/// </summary>
public sealed class HealthService(InquiryService inquiry)
{
    public DateOnly Today => inquiry.Today;

    public async Task<HealthReport?> ReportAsync(string idNumber, UiLanguage language, CancellationToken cancellationToken) =>
        await inquiry.ReadAsync(idNumber, inquiry.Today, cancellationToken) is { } read ? Report(read, language) : null;

    public static HealthReport Report(PersonInquiry read, UiLanguage language)
    {
        ArgumentNullException.ThrowIfNull(read);
        var record = ToRecord(read);
        var names = read.Coverage.Periods.GroupBy(p => p.UnitCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Laobao.Client.UnitNames.For(g.First().UnitName, g.First().UnitNameLatin, language == UiLanguage.En), StringComparer.Ordinal);
        foreach (var c in read.Pension.Contributions)
        {
            names.TryAdd(c.UnitCode, Laobao.Client.UnitNames.For(c.UnitName, c.UnitNameLatin, language == UiLanguage.En));
        }

        var findings = HealthChecker.Check(record).Select(f => View(f, names, language)).ToList();
        var summary = findings.Count == 0
            ? HealthCopy.Clean.In(language)
            : string.Format(System.Globalization.CultureInfo.InvariantCulture, HealthCopy.Some.In(language), findings.Count);
        return new HealthReport(InquiryFormat.Date(read.Coverage.AsOf), findings.Count == 0, summary, findings);
    }

    public static HealthRecord ToRecord(PersonInquiry read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var stretches = read.Coverage.Periods
            .SelectMany(p => p.Salaries.Select(s => new HealthStretch(p.UnitCode, p.Kind, s.From, s.To, s.InsuredSalary)))
            .ToList();
        var contributions = read.Pension.Contributions
            .Select(c => new HealthContribution(c.UnitCode, c.Month, c.Wage, c.EmployerAmount))
            .ToList();
        return new HealthRecord(stretches, contributions, HealthRules.PensionEligibleFrom(Residence(read.Person.Residence, read.Pension.Scheme), read.Pension.Scheme), read.Coverage.AsOf);
    }

    /// <summary>
    /// The CSV residence as the pension act sees it: an ARC holder in the new scheme can only be there as a foreign spouse
    /// (the act covers no other ARC holder), any other ARC holder is outside the act.
    /// </summary>
    public static PensionResidence Residence(string residence, PensionScheme scheme) => residence switch
    {
        Codes.Citizen => PensionResidence.Citizen,
        Codes.Aprc => PensionResidence.Aprc,
        _ => scheme == PensionScheme.New ? PensionResidence.ForeignSpouse : PensionResidence.OtherForeignResident,
    };

    private static HealthFindingView View(HealthFinding f, Dictionary<string, string> names, UiLanguage language)
    {
        var view = new HealthFindingView(
            f.Code,
            HealthCopy.Title(f.Code).In(language),
            "",
            HealthCopy.Advice(f.Code).In(language),
            f.Months.Select(InquiryFormat.Month).ToList(),
            f.UnitCode,
            f.UnitCode is { } unit && names.TryGetValue(unit, out var name) ? name : f.UnitCode,
            InquiryFormat.Date(f.From),
            InquiryFormat.Date(f.To),
            f.Days,
            InquiryFormat.Date(f.ReachedOn),
            f.Amount);
        var minimum = f.Months.Count > 0 ? HealthRules.MinimumGradeOn(f.Months[0]) : null;
        return view with { Meaning = HealthCopy.Meaning(view, minimum).In(language) };
    }
}
