using Laobao.Web.Data;
using Laobao.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Tests.Data;

/// <summary>
/// Coverage segments carry no foreign keys (they are derived from the events, which do); deleting a person must
/// still take the segments with the events, on each provider (see the sealed subclasses).
/// </summary>
public abstract class DerivedSegmentsTests(TestStores stores)
{
    private const string Leaving = "A123456789";
    private const string Staying = "B222222228";
    private const string Unit = "100000001";

    [Fact]
    public async Task Deleting_a_person_removes_their_events_and_derived_segments_and_nobody_else_s()
    {
        var settings = await stores.NewStoreAsync();
        await using (var db = settings.CreateContext())
        {
            db.InsuredUnits.Add(new InsuredUnit { UnitCode = Unit, Name = "大安物流", NameLatin = "Da-an Logistics" });
            foreach (var id in new[] { Leaving, Staying })
            {
                db.Persons.Add(new Person { IdNumber = id, Name = "王小明", BirthDate = new(1971, 1, 2), Nationality = "TW", Residence = Codes.Citizen, PensionScheme = Codes.SchemeNone });
                CoverageHistory.Add(db, id, [new(Unit, Codes.Enrol, new(2020, 1, 1), "labour+employment", 27470), new(Unit, Codes.Adjust, new(2021, 1, 1), "labour+employment", 28000)]);
            }

            await db.SaveChangesAsync();
            Assert.Equal(8, await db.CoverageSegments.CountAsync());
        }

        await using (var db = settings.CreateContext())
        {
            Assert.Equal(1, await db.Persons.Where(p => p.IdNumber == Leaving).ExecuteDeleteAsync());
        }

        await using (var db = settings.CreateContext())
        {
            Assert.Empty(await db.CoverageEvents.Where(e => e.IdNumber == Leaving).ToListAsync());
            Assert.Empty(await db.CoverageSegments.Where(s => s.IdNumber == Leaving).ToListAsync());
            Assert.Equal(2, await db.CoverageEvents.CountAsync(e => e.IdNumber == Staying));
            Assert.Equal(4, await db.CoverageSegments.CountAsync(s => s.IdNumber == Staying));
        }
    }

}

public sealed class SqliteDerivedSegmentsTests(SqliteStores stores) : DerivedSegmentsTests(stores), IClassFixture<SqliteStores>;

public sealed class PostgresDerivedSegmentsTests(PostgresStores stores) : DerivedSegmentsTests(stores), IClassFixture<PostgresStores>;
