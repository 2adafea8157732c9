using Laobao.Tests.Browser;
using Laobao.Web.Features.Statements;

namespace Laobao.Web.Tests.Features.Statements;

/// <summary>Page 1 of each statement as the user guide shows it, rendered from the issued PDF by pdftoppm.</summary>
public sealed class StatementPictureTests
{
    [Theory]
    [InlineData(StatementKinds.Coverage, StatementPeople.Long)]
    [InlineData(StatementKinds.Pension, StatementPeople.Short)]
    public async Task PageOneOfEachStatementIsPictured(string kind, string id)
    {
        await using var world = await StatementWorld.CreateAsync();
        var (_, file) = await world.IssueAsync(id, kind);
        var target = Path.Combine(RepositoryPaths.Root(), "docs", "images", $"statement-{kind}-page1");

        var (exit, output) = await Poppler.RunAsync("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", file, target);

        Assert.True(exit == 0, output);
        Assert.True(new FileInfo(target + ".png").Length > 10_000, "the picture of page 1 is missing or blank");
    }
}
