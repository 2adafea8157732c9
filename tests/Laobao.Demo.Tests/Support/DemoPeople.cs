using System.Globalization;

namespace Laobao.Demo.Tests.Support;

/// <summary>One row of <c>demo/people.tsv</c>: a demo card and the person it belongs to, as <c>./demo.sh</c> prints them.</summary>
public sealed record DemoPerson(string Card, string IdNumber, string Name, DateOnly BirthDate, string Pin, string Status, string ShowsEn, string ShowsZh)
{
    /// <summary>What the login form takes: ROC year, month, day as 7 digits (SPEC §1).</summary>
    public string RocBirthDate => string.Create(CultureInfo.InvariantCulture, $"{BirthDate.Year - 1911:000}{BirthDate.Month:00}{BirthDate.Day:00}");
}

public static class DemoPeople
{
    public static IReadOnlyList<DemoPerson> Read(string repository)
    {
        var lines = File.ReadAllLines(Path.Combine(repository, "demo", "people.tsv"));
        Assert.Equal("card\tid_number\tname\tbirth_date\tpin\tstatus\tshows_en\tshows_zh", lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split('\t');
            Assert.True(f.Length == 8, $"demo/people.tsv: a row needs 8 tab-separated fields: {line}");
            return new DemoPerson(f[0], f[1], f[2], DateOnly.ParseExact(f[3], "yyyy-MM-dd", CultureInfo.InvariantCulture), f[4], f[5], f[6], f[7]);
        }).ToList();
    }

    public static DemoPerson Card(IReadOnlyList<DemoPerson> people, string card) => people.Single(p => p.Card == card);
}
