using System.Globalization;
using Laobao.Domain.Identity;
using Laobao.Domain.Pension;
using Laobao.Web.Data;
using Laobao.Web.Data.Bulk;

namespace Laobao.Ops.Import.Kinds;

/// <summary><c>persons</c>: id_number, name, name_latin, birth_date, nationality, residence, pension_scheme, pension_since.</summary>
internal sealed class PersonsImport(TimeProvider time) : ImportKind
{
    private static readonly DateOnly EarliestBirth = new(1900, 1, 1);
    private readonly ImportDay day = new(time);

    public override string Name => "persons";

    public override BulkTable Table => RecordTables.Persons;

    public override IReadOnlyList<string> RequiredColumns =>
        ["id_number", "name", "birth_date", "nationality", "residence", "pension_scheme"];

    public override IReadOnlyList<string> OptionalColumns => ["name_latin", "pension_since"];

    public override string? Parse(ImportFields fields, ImportRow row)
    {
        var today = day.Today;
        string? error;
        if ((error = FieldRules.IdNumber("id_number", fields["id_number"], out var id)) is not null)
        {
            return error;
        }

        if ((error = FieldRules.Required("name", fields["name"])) is not null)
        {
            return error;
        }

        if ((error = FieldRules.Text("name", fields["name"], 200)) is not null)
        {
            return error;
        }

        if ((error = FieldRules.Text("name_latin", fields["name_latin"], 200)) is not null)
        {
            return error;
        }

        if ((error = FieldRules.IsoDate("birth_date", fields["birth_date"], out var birth)) is not null)
        {
            return error;
        }

        if ((error = FieldRules.Word("residence", fields["residence"], Codes.AllResidences, out var residence)) is not null)
        {
            return error;
        }

        if ((error = FieldRules.Word("pension_scheme", fields["pension_scheme"], Codes.AllSchemes, out var scheme)) is not null)
        {
            return error;
        }

        if (birth < EarliestBirth || birth > today)
        {
            return string.Create(CultureInfo.InvariantCulture, $"birth_date {birth:yyyy-MM-dd} is not between 1900-01-01 and today");
        }

        var nationality = fields["nationality"]?.ToUpperInvariant();
        if (nationality is null || nationality.Length != 2 || !nationality.All(char.IsAsciiLetterUpper))
        {
            return $"nationality '{fields["nationality"]}' is not an ISO 3166 alpha-2 code such as TW";
        }

        if (residence == Codes.Citizen && id.Kind != IdNumberKind.NationalId)
        {
            return $"residence citizen needs a national ID number, but {id.Masked} is a resident (ARC/UI) number";
        }

        if (residence != Codes.Citizen && id.Kind == IdNumberKind.NationalId)
        {
            return $"residence {residence} needs a resident (ARC/UI) number, but {id.Masked} is a national ID number";
        }

        DateOnly? since = null;
        var sinceText = fields["pension_since"];
        if (scheme == Codes.SchemeNew)
        {
            error = FieldRules.IsoDate("pension_since", sinceText, out var sinceDate);
            if (error is not null)
            {
                return sinceText is null ? "pension_since is required for pension_scheme new" : error;
            }

            var eligible = EligibleFrom(residence);
            if (sinceDate < eligible)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"pension_since {sinceDate:yyyy-MM-dd} is before {eligible:yyyy-MM-dd}, when residence {residence} became eligible for the new scheme");
            }

            if (sinceDate < birth || sinceDate > today)
            {
                return string.Create(CultureInfo.InvariantCulture, $"pension_since {sinceDate:yyyy-MM-dd} is before birth or in the future");
            }

            since = sinceDate;
        }
        else if (sinceText is not null)
        {
            return $"pension_since is only for pension_scheme new (this row says {scheme})";
        }

        row.Values = [id.Value, fields["name"], fields["name_latin"], birth, nationality, residence, scheme, since];
        row.Key = id.Value;
        return null;
    }

    /// <summary>
    /// The earliest date the new scheme can start for a residence. The file does not say which residents are
    /// foreign spouses or professionals, so it takes the earliest date that residence could qualify on.
    /// </summary>
    internal static DateOnly EligibleFrom(string residence) => residence switch
    {
        Codes.Citizen => PensionEligibility.EligibleFrom(PensionResidence.Citizen)!.Value,
        Codes.Aprc => PensionEligibility.EligibleFrom(PensionResidence.ForeignProfessionalAprc)!.Value,
        _ => PensionEligibility.EligibleFrom(PensionResidence.ForeignSpouse)!.Value,
    };

    public override async Task ApplyAsync(RecordStore store, IReadOnlyList<ImportRow> batch, BatchOutcome outcome, CancellationToken cancellationToken)
    {
        var keys = batch.Select(r => r.Key).ToList();
        var existing = (await store.SelectWhereInAsync(Table, "id_number", keys, cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => (string)r[0]!, StringComparer.Ordinal);
        await UpsertChangedAsync(store, Table, batch, existing, v => (string)v[0]!, outcome, cancellationToken).ConfigureAwait(false);
    }
}
