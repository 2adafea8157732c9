using Laobao.Domain.Identity;
using Laobao.Ops.Import;
using Laobao.Ops.Seed;
using Laobao.Ops.Tests.Import;
using Laobao.Web.Data;
using Laobao.Web.Data.Bulk;

namespace Laobao.Ops.Tests.Seed;

public sealed class SeedTests(SqliteStores stores) : IClassFixture<SqliteStores>
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9_999_999)]
    public void Synthetic_numbers_of_every_kind_pass_the_domain_checksum(int serial)
    {
        foreach (var letter in "AFZ")
        {
            Assert.Equal(IdNumberKind.NationalId, TaiwanId.Parse(SyntheticIds.NationalId(letter, true, serial)).Kind);
            Assert.Equal(IdNumberKind.ResidentNew, TaiwanId.Parse(SyntheticIds.ResidentNew(letter, false, serial)).Kind);
            foreach (var second in "ABCD")
            {
                Assert.Equal(IdNumberKind.ArcOld, TaiwanId.Parse(SyntheticIds.ArcOld(letter, second, serial)).Kind);
            }
        }
    }

    [Fact]
    public async Task Two_runs_of_the_real_command_with_one_seed_write_the_same_files()
    {
        // Separate processes: anything randomised per process (such as string hashing) would make them differ.
        var settings = await stores.NewStoreAsync();
        var folder = Directory.CreateTempSubdirectory("laobao-seed-twice-").FullName;
        try
        {
            foreach (var run in new[] { "first", "second" })
            {
                using var child = LaobaoProcess.Start(settings, folder, "seed", "--persons", "200", "--seed", "3", "--csv", Path.Combine(folder, run));
                var result = await child.WaitAsync();
                Assert.True(result.ExitCode == ExitCodes.Ok, result.Output + result.Error);
            }

            foreach (var (kind, _) in SeedCsvWriter.Files)
            {
                var first = await File.ReadAllTextAsync(SeedCsvWriter.PathFor(Path.Combine(folder, "first"), kind));
                Assert.True(first.Count(c => c == '\n') > 1, $"{kind} has no rows");
                Assert.Equal(first, await File.ReadAllTextAsync(SeedCsvWriter.PathFor(Path.Combine(folder, "second"), kind)));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_same_seed_builds_the_same_store_and_another_seed_a_different_one()
    {
        var plan = new SeedPlan(300, 5, SeedCommand.DefaultAsOf, 24);
        var first = await stores.NewStoreAsync();
        var second = await stores.NewStoreAsync();
        var other = await stores.NewStoreAsync();
        using var output = new StringWriter();
        Assert.Equal(ExitCodes.Ok, await SeedCommand.RunAsync(first, TimeProvider.System, ["--persons", "300", "--seed", "5"], output, CancellationToken.None));
        await new Seeder(second).RunAsync(plan, null, CancellationToken.None);
        await new Seeder(other).RunAsync(plan with { Seed = 6 }, null, CancellationToken.None);

        var dump = await ImportHarness.DumpAsync(first);
        Assert.Equal(dump, await ImportHarness.DumpAsync(second));
        Assert.NotEqual(dump, await ImportHarness.DumpAsync(other));
        Assert.Contains("seeded SQLite", output.ToString(), StringComparison.Ordinal);

        // The population has what the inquiry pages must handle: every residence, every scheme, foreign residents
        // with both kinds of number, APRC holders from 2019-05-17, spouses from 2014-01-17, and people with no pension data.
        var persons = dump.Where(d => d.StartsWith("persons:", StringComparison.Ordinal)).Select(d => d.Split(':', 2)[1].Split('|')).ToList();
        Assert.Equal(300, persons.Count);
        Assert.All(persons, p => TaiwanId.Parse(p[0]));
        Assert.Contains(persons, p => p[5] == Codes.Arc && TaiwanId.Parse(p[0]).Kind == IdNumberKind.ArcOld);
        Assert.Contains(persons, p => p[5] == Codes.Arc && TaiwanId.Parse(p[0]).Kind == IdNumberKind.ResidentNew);
        Assert.Contains(persons, p => p[5] == Codes.Aprc && p[6] == Codes.SchemeNew && p[7] == "2019-05-17");
        Assert.Contains(persons, p => p[5] == Codes.Arc && p[6] == Codes.SchemeNew && p[7] == "2014-01-17");
        Assert.Contains(persons, p => p[6] == Codes.SchemeOld);
        Assert.Contains(persons, p => p[6] == Codes.SchemeNone);
        Assert.Contains(dump, d => d.StartsWith("coverage_events:", StringComparison.Ordinal) && d.Contains("|adjust|2025-01-01|", StringComparison.Ordinal));
        Assert.Contains(dump, d => d.StartsWith("pension_contributions:", StringComparison.Ordinal));

        await using var store = await RecordStore.OpenAsync(first);
        Assert.Equal(300, await store.CountAsync(RecordTables.Persons));
        var refused = await Assert.ThrowsAsync<OpsUsageException>(() => new Seeder(first).RunAsync(plan, null, CancellationToken.None));
        Assert.Contains("seed fills an empty store", refused.Message, StringComparison.Ordinal);
    }
}
