using System.Globalization;
using Laobao.App.Tests.Support;
using Laobao.Demo.Tests.Support;
using Sylvan.Data.Csv;

namespace Laobao.Demo.Tests.People;

/// <summary>
/// <c>demo/people.tsv</c> (the cards <c>./demo.sh</c> issues and the table it prints) must agree with the import
/// files the people come from, and each card must be told apart by its PIN (the card bridge picks the demo card the
/// PIN opens).
/// </summary>
public sealed class DemoPeopleTests
{
    private static readonly string Root = RepositoryPaths.Root();

    [Fact]
    public void Every_demo_card_belongs_to_an_imported_person_with_the_same_name_and_birth_date()
    {
        var persons = new Dictionary<string, (string Name, DateOnly Birth, string Residence, string Scheme)>(StringComparer.Ordinal);
        using (var csv = CsvDataReader.Create(Path.Combine(Root, "demo", "people", "persons.csv")))
        {
            while (csv.Read())
            {
                persons[csv.GetString(csv.GetOrdinal("id_number"))] = (
                    csv.GetString(csv.GetOrdinal("name")),
                    DateOnly.ParseExact(csv.GetString(csv.GetOrdinal("birth_date")), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    csv.GetString(csv.GetOrdinal("residence")),
                    csv.GetString(csv.GetOrdinal("pension_scheme")));
            }
        }

        var cards = DemoPeople.Read(Root);
        foreach (var card in cards)
        {
            Assert.True(persons.TryGetValue(card.IdNumber, out var person), $"card {card.Card}: {card.IdNumber} is not in demo/people/persons.csv");
            Assert.Equal(person.Name, card.Name);
            Assert.Equal(person.Birth, card.BirthDate);
            Assert.Matches("^[0-9]{6,8}$", card.Pin);
            Assert.Contains(card.Status, new[] { "valid", "revoked" });
        }

        Assert.Equal(cards.Count, cards.Select(c => c.Pin).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(cards.Count, cards.Select(c => c.Card).Distinct(StringComparer.Ordinal).Count());
        Assert.True(persons.Keys.All(id => cards.Any(c => c.IdNumber == id && c.Status == "valid")), "a demo person has no valid card");

        // The people issue 8 asks for: new UI number, old ARC number, an APRC holder since 2019-05-17, no pension data.
        Assert.Contains(persons, p => p.Key[1] is '8' or '9');
        Assert.Contains(persons, p => p.Key[1] is >= 'A' and <= 'D');
        Assert.Contains(persons, p => p.Value.Residence == "aprc" && p.Value.Scheme == "new");
        Assert.Contains(persons, p => p.Value.Scheme is "old" or "none");
    }
}
