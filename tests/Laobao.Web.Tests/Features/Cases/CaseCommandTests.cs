extern alias ops;

using System.Globalization;
using Laobao.Tests.Browser;
using Laobao.Web.Data;
using Laobao.Web.Features.Cases;
using Laobao.Web.Features.Staff;
using Laobao.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using CaseCommand = ops::Laobao.Ops.Staff.CaseCommand;
using ImportCommand = ops::Laobao.Ops.Import.ImportCommand;
using StaffCommand = ops::Laobao.Ops.Staff.StaffCommand;

namespace Laobao.Web.Tests.Features.Cases;

/// <summary>
/// <c>laobao case open</c> and <c>laobao staff grant</c> refuse bad input with one line naming the value and exit code 1,
/// and store nothing; a good case is stored with its months.
/// </summary>
public sealed class CaseCommandTests
{
    private const string Huang = "K112345676";

    [Fact]
    public async Task Bad_ids_months_and_unknown_people_are_refused_with_a_line_naming_them_and_nothing_is_stored()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
        var folder = Directory.CreateTempSubdirectory("laobao-case-command-").FullName;
        try
        {
            var persons = Path.Combine(folder, "persons.csv");
            File.Copy(Path.Combine(RepositoryPaths.Root(), "demo", "people", "persons.csv"), persons);
            Assert.Equal(0, (await RunAsync(w => ImportCommand.RunAsync(database.Settings, time, ["persons", persons, "--no-alerts"], w.Output, w.Error, CancellationToken.None))).Code);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        string[] Open(params string[] extra) => ["open", Huang, "--topic", "pension-month-missing", "--comment", "missing months", .. extra];
        Assert.Equal((1, "laobao case: --from 2025-13 is not a month written YYYY-MM, e.g. 2025-03"),
            await RunAsync(w => CaseCommand.RunAsync(database.Settings, Open("--from", "2025-13"), w.Output, w.Error, time, CancellationToken.None)));
        Assert.Equal((1, "laobao case: --to 114/05 is not a month written YYYY-MM, e.g. 2025-03"),
            await RunAsync(w => CaseCommand.RunAsync(database.Settings, Open("--from", "2025-03", "--to", "114/05"), w.Output, w.Error, time, CancellationToken.None)));
        var (badId, badIdLine) = await RunAsync(w => CaseCommand.RunAsync(database.Settings, ["open", "K112345677", "--topic", "period", "--comment", "x"], w.Output, w.Error, time, CancellationToken.None));
        Assert.Equal(1, badId);
        Assert.StartsWith("laobao case: K112345677 is not an ID number: ", badIdLine, StringComparison.Ordinal);
        Assert.Equal((1, "laobao case: no person B12****780 in the registry"),
            await RunAsync(w => CaseCommand.RunAsync(database.Settings, ["open", "B123456780", "--topic", "period", "--comment", "x"], w.Output, w.Error, time, CancellationToken.None)));
        Assert.Equal((1, "laobao staff: no person B12****780 in the registry; staff sign in with their own card, so import them first"),
            await RunAsync(w => StaffCommand.RunAsync(database.Settings, ["grant", "B123456780"], w.Output, w.Error, time, CancellationToken.None)));

        await using (var db = database.Context())
        {
            Assert.Empty(await db.Set<RecordCase>().ToListAsync());
            Assert.Empty(await db.Set<StaffMember>().ToListAsync());
        }

        Assert.Equal(0, (await RunAsync(w => CaseCommand.RunAsync(database.Settings, Open("--from", "2025-03", "--to", "2025-05"), w.Output, w.Error, time, CancellationToken.None))).Code);
        await using var check = database.Context();
        var stored = Assert.Single(await check.Set<RecordCase>().AsNoTracking().ToListAsync());
        Assert.Equal((Huang, new DateOnly(2025, 3, 1), new DateOnly(2025, 5, 1)), (stored.PersonIdNumber, stored.FromMonth, stored.ToMonth));
    }

    private static async Task<(int Code, string Error)> RunAsync(Func<(StringWriter Output, StringWriter Error), Task<int>> run)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await run((output, error));
        return (code, error.ToString().Trim());
    }
}
