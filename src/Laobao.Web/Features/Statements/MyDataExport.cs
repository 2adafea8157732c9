using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Laobao.Domain.Identity;
using Laobao.Web.Data;
using Laobao.Web.Data.Entities;
using Laobao.Web.Security.Audit;
using Laobao.Web.Security.DeviceKeys;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Features.Statements;

/// <summary>
/// "My data" (個人資料下載, SPEC §10): one ZIP with the person's rows as CSV files in the SPEC §3 import format, so
/// they can be imported into an empty store or opened in a spreadsheet, plus one JSON file of the same records with
/// the person's linked devices and activity history. Statements themselves are listed in the JSON, not included.
/// </summary>
public sealed class MyDataExport(LaobaoDbContext db, TimeProvider time)
{
    public static readonly string[] CsvFiles = ["persons.csv", "units.csv", "coverage-events.csv", "pension-contributions.csv", "pension-earnings.csv"];
    public const string JsonFile = "my-data.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Null when no person has that ID number.</summary>
    public async Task<byte[]?> ZipAsync(string idNumber, CancellationToken cancellationToken)
    {
        var id = TaiwanId.Normalize(idNumber);
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.IdNumber == id, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return null;
        }

        var events = await db.CoverageEvents.AsNoTracking().Where(e => e.IdNumber == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var contributions = await db.PensionContributions.AsNoTracking().Where(c => c.IdNumber == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var earnings = await db.PensionEarnings.AsNoTracking().Where(e => e.IdNumber == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var unitCodes = events.Select(e => e.UnitCode).Concat(contributions.Select(c => c.UnitCode)).Distinct().ToList();
        var units = await db.InsuredUnits.AsNoTracking().Where(u => unitCodes.Contains(u.UnitCode)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var devices = await db.Set<LinkedDevice>().AsNoTracking().Where(d => d.PersonIdNumber == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var activity = await db.Set<AuditRecord>().AsNoTracking().Where(a => a.SubjectIdNumber == id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var statements = await db.Set<IssuedStatement>().AsNoTracking().Where(s => s.IdNumber == id)
            .Select(s => new { s.Code, s.Kind, s.AsOf, s.IssuedAt, s.ExpiresAt, s.RevokedAt, s.Sha256 }).ToListAsync(cancellationToken).ConfigureAwait(false);

        events = [.. events.OrderBy(e => e.UnitCode, StringComparer.Ordinal).ThenBy(e => e.Date).ThenBy(e => Codes.EventRank(e.Event)).ThenBy(e => e.Kinds, StringComparer.Ordinal)];
        contributions = [.. contributions.OrderBy(c => c.Month).ThenBy(c => c.UnitCode, StringComparer.Ordinal)];
        earnings = [.. earnings.OrderBy(e => e.Year)];
        units = [.. units.OrderBy(u => u.UnitCode, StringComparer.Ordinal)];

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Csv(zip, "persons.csv", ["id_number", "name", "name_latin", "birth_date", "nationality", "residence", "pension_scheme", "pension_since"],
                [[person.IdNumber, person.Name, person.NameLatin, Iso(person.BirthDate), person.Nationality, person.Residence, person.PensionScheme, person.PensionSince is { } since ? Iso(since) : null]]);
            Csv(zip, "units.csv", ["unit_code", "name", "name_latin"], units.Select(u => new[] { u.UnitCode, u.Name, u.NameLatin }));
            Csv(zip, "coverage-events.csv", ["id_number", "unit_code", "event", "date", "kinds", "insured_salary"],
                events.Select(e => new[] { e.IdNumber, e.UnitCode, e.Event, Iso(e.Date), e.Kinds, e.InsuredSalary?.ToString(CultureInfo.InvariantCulture) }));
            Csv(zip, "pension-contributions.csv", ["id_number", "unit_code", "month", "wage", "employer_amount", "voluntary_amount"],
                contributions.Select(c => new[] { c.IdNumber, c.UnitCode, c.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), N(c.Wage), N(c.EmployerAmount), N(c.VoluntaryAmount) }));
            Csv(zip, "pension-earnings.csv", ["id_number", "year", "amount"],
                earnings.Select(e => new[] { e.IdNumber, N(e.Year), e.Amount.ToString(CultureInfo.InvariantCulture) }));

            var document = new
            {
                exportedAt = time.GetUtcNow(),
                person,
                units,
                coverageEvents = events,
                pensionContributions = contributions.Select(c => new { c.IdNumber, c.UnitCode, month = c.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), c.Wage, c.EmployerAmount, c.VoluntaryAmount }),
                pensionEarnings = earnings,
                devices = devices.OrderBy(d => d.LinkedAt).Select(d => new { d.Id, d.Name, d.Platform, d.LinkedAt, d.LastUsedAt, d.UnlinkedAt }),
                activity = activity.OrderBy(a => a.At).ThenBy(a => a.Id).Select(a => new { a.At, a.Action, a.Outcome, a.ClientAddress, a.UserAgent }),
                statements,
            };
            var entry = zip.CreateEntry(JsonFile, CompressionLevel.Optimal);
            await using var stream = entry.Open();
            await JsonSerializer.SerializeAsync(stream, document, Json, cancellationToken).ConfigureAwait(false);
        }

        return buffer.ToArray();
    }

    public static string FileName(string idNumber, DateOnly day) =>
        $"laobao-my-data-{TaiwanId.Normalize(idNumber)}-{day:yyyy-MM-dd}.zip";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Csv(ZipArchive zip, string name, string[] header, IEnumerable<string?[]> rows)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
        writer.NewLine = "\n";
        writer.WriteLine(string.Join(',', header));
        foreach (var row in rows)
        {
            writer.WriteLine(string.Join(',', row.Select(Field)));
        }
    }

    /// <summary>RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside.</summary>
    private static string Field(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
