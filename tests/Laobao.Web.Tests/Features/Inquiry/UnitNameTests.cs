using System.Net.Http.Headers;
using System.Text.Json;
using Laobao.Client;
using Laobao.Web.Data;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Tests.Features.Inquiry;

/// <summary>
/// Insured units have a Chinese <c>name</c> and a <c>name_latin</c> (SPEC §3): English screens show the Latin one,
/// Chinese screens the Chinese one, and each falls back to the other when it is empty. The API returns both names
/// (the new <c>unitNameLatin</c> beside the old <c>unitName</c>) for periods, current units and pension months.
/// </summary>
public sealed class UnitNameTests
{
    [Theory]
    [InlineData("乙公司", "Yi Co.", false, "乙公司")]
    [InlineData("乙公司", "Yi Co.", true, "Yi Co.")]
    [InlineData("乙公司", null, true, "乙公司")]
    [InlineData("乙公司", "", true, "乙公司")]
    [InlineData("乙公司", "  ", true, "乙公司")]
    [InlineData("", "Yi Co.", false, "Yi Co.")]
    [InlineData(null, "Yi Co.", false, "Yi Co.")]
    [InlineData(null, null, true, "")]
    public void WhenANameIsEmptyThenTheOtherIsShown(string? name, string? nameLatin, bool english, string shown) =>
        Assert.Equal(shown, UnitNames.For(name, nameLatin, english));

    [Fact]
    public async Task TheApiReturnsBothNamesOfEveryUnitItMentions()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        using var phone = await world.LinkPhoneAsync(People.Wang);
        var tokens = await phone.SignInAsync();

        var coverage = await phone.Api.GetCoverageAsync(tokens.AccessToken);
        Assert.Equal(
            [("甲公司", "Jia Co."), ("甲公司", "Jia Co."), ("乙公司", "Yi Co.")],
            coverage.Periods.Select(p => (p.UnitName, p.UnitNameLatin)));
        var current = Assert.Single(coverage.Current.Units);
        Assert.Equal(("乙公司", "Yi Co."), (current.UnitName, current.UnitNameLatin));
        var pension = await phone.Api.GetPensionAsync(tokens.AccessToken);
        Assert.All(pension.Contributions, c => Assert.Equal(("乙公司", "Yi Co."), (c.UnitName, c.UnitNameLatin)));

        // On the wire the old field keeps its name and the new one is added beside it.
        using var http = world.Http();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri("api/v1/me/pension", UriKind.Relative)));
        var month = json.RootElement.GetProperty("contributions")[0];
        Assert.Equal(("乙公司", "Yi Co."), (month.GetProperty("unitName").GetString(), month.GetProperty("unitNameLatin").GetString()));
    }

    [Fact]
    public async Task TheDeskInquiryPagesShowTheUnitsByTheNameOfTheirLanguage()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        var desk = await world.DeskAsync(People.Wang);

        var english = await PageAsync(desk, "desk/inquiry/coverage?lang=en");
        Assert.Contains("<span class=\"unit-name\">Yi Co.</span> (222222222)", english, StringComparison.Ordinal);
        Assert.Contains("<span class=\"unit-name\">Jia Co.</span>", english, StringComparison.Ordinal);
        Assert.DoesNotContain("公司", english, StringComparison.Ordinal);
        var englishPension = await PageAsync(desk, "desk/inquiry/pension?lang=en");
        Assert.Contains("<span class=\"unit-name\">Yi Co.</span> (222222222)", englishPension, StringComparison.Ordinal);
        Assert.DoesNotContain("乙公司", englishPension, StringComparison.Ordinal);

        var chinese = await PageAsync(desk, "desk/inquiry/coverage?lang=zh-TW");
        Assert.Contains("<span class=\"unit-name\">乙公司</span>（222222222）", chinese, StringComparison.Ordinal);
        Assert.Contains("<span class=\"unit-name\">甲公司</span>", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("Co.", chinese, StringComparison.Ordinal);
        var chinesePension = await PageAsync(desk, "desk/inquiry/pension?lang=zh-TW");
        Assert.Contains("<span class=\"unit-name\">乙公司</span>（222222222）", chinesePension, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenAUnitHasNoNameInTheLanguageShownThenTheOtherNameIsShown()
    {
        await using var world = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        await using (var db = world.Database.Context())
        {
            // 乙公司 imported without a Latin name, 甲公司 with only its Latin one.
            await db.InsuredUnits.Where(u => u.UnitCode == "222222222").ExecuteUpdateAsync(s => s.SetProperty(u => u.NameLatin, ""));
            await db.InsuredUnits.Where(u => u.UnitCode == "111111111").ExecuteUpdateAsync(s => s.SetProperty(u => u.Name, ""));
        }

        var desk = await world.DeskAsync(People.Wang);

        var english = await PageAsync(desk, "desk/inquiry/coverage?lang=en");
        Assert.Contains("<span class=\"unit-name\">乙公司</span> (222222222)", english, StringComparison.Ordinal);
        Assert.Contains("<span class=\"unit-name\">Jia Co.</span>", english, StringComparison.Ordinal);
        var englishPension = await PageAsync(desk, "desk/inquiry/pension?lang=en");
        Assert.Contains("<span class=\"unit-name\">乙公司</span> (222222222)", englishPension, StringComparison.Ordinal);

        var chinese = await PageAsync(desk, "desk/inquiry/coverage?lang=zh-TW");
        Assert.Contains("<span class=\"unit-name\">Jia Co.</span>", chinese, StringComparison.Ordinal);
        Assert.Contains("<span class=\"unit-name\">乙公司</span>", chinese, StringComparison.Ordinal);
    }

    private static Task<string> PageAsync(DeskBrowser desk, string path) => desk.Http.GetStringAsync(new Uri(path, UriKind.Relative));
}
