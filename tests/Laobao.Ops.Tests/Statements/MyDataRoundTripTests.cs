using System.IO.Compression;
using System.Text.Json;
using Laobao.Ops.Import;
using Laobao.Web.Data;
using Laobao.Web.Features.Inquiry;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Features.Statements;
using Laobao.Web.Localization;
using Laobao.Web.Tests.Features.Statements;
using Laobao.Ops.Tests.Import;

namespace Laobao.Ops.Tests.Statements;

/// <summary>
/// SPEC §10 "my data": the CSV files of a person's ZIP, imported with <c>laobao import</c> into an empty store, give
/// the very coverage and pension answers the original store gives.
/// </summary>
public abstract class MyDataRoundTripTests(TestStores stores)
{
    [Theory]
    [InlineData(StatementPeople.Short)]
    [InlineData(StatementPeople.Long)]
    public async Task MyDataCsvFilesImportedIntoAnEmptyStoreGiveTheSameAnswers(string id)
    {
        var original = await stores.NewStoreAsync();
        await using (var db = original.CreateContext())
        {
            await StatementPeople.AddAsync(db);
        }

        byte[] zip;
        await using (var db = original.CreateContext())
        {
            zip = (await new MyDataExport(db, ImportHarness.Clock).ZipAsync(id, CancellationToken.None))!;
        }

        var folder = Directory.CreateTempSubdirectory("laobao-my-data-").FullName;
        try
        {
            using (var archive = new ZipArchive(new MemoryStream(zip)))
            {
                Assert.Equal([.. MyDataExport.CsvFiles, MyDataExport.JsonFile], archive.Entries.Select(e => e.FullName));
                archive.ExtractToDirectory(folder);
            }

            var copy = await stores.NewStoreAsync();
            using var harness = new ImportHarness(copy);
            foreach (var file in MyDataExport.CsvFiles)
            {
                var exit = await harness.ImportAsync(Path.GetFileNameWithoutExtension(file), Path.Combine(folder, file));
                Assert.True(exit == 0, $"{file}: exit {exit}\n{harness.Output}\n{harness.Error}");
                Assert.Equal(0, harness.Counts().Rejected);
            }

            var before = await AnswersAsync(original, id);
            var after = await AnswersAsync(copy, id);
            Assert.Equal(before, after);
            Assert.Contains("\"Periods\":[{", before, StringComparison.Ordinal);

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, MyDataExport.JsonFile)));
            foreach (var part in new[] { "person", "units", "coverageEvents", "pensionContributions", "pensionEarnings", "devices", "activity", "statements" })
            {
                Assert.True(json.RootElement.TryGetProperty(part, out _), $"my-data.json has no {part}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The person's whole read model and the reports the pages and the API show, as JSON.</summary>
    private static async Task<string> AnswersAsync(DatabaseSettings settings, string id)
    {
        await using var db = settings.CreateContext();
        var inquiry = (await new PersonInquiryReader(db, ImportHarness.Clock).ReadAsync(id, StatementPeople.AsOf))!;
        return JsonSerializer.Serialize(new
        {
            inquiry.Person,
            inquiry.Coverage,
            inquiry.Pension,
            coverageReport = InquiryService.Coverage(inquiry.Coverage),
            pensionReport = InquiryService.Pension(inquiry.Pension, 1, InquiryService.MaxPageSize, UiLanguage.En),
        });
    }
}

public sealed class SqliteMyDataRoundTripTests(SqliteStores stores) : MyDataRoundTripTests(stores), IClassFixture<SqliteStores>;

public sealed class PostgresMyDataRoundTripTests(PostgresStores stores) : MyDataRoundTripTests(stores), IClassFixture<PostgresStores>;
