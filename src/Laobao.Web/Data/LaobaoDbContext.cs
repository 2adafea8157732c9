using System.Text;
using Laobao.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Data;

/// <summary>
/// The records store. One model for both providers; each provider has its own subclass so that
/// each keeps its own migrations (Data/Migrations/Sqlite, Data/Migrations/Postgres).
/// Features add their tables with an <see cref="IEntityTypeConfiguration{TEntity}"/> in this assembly
/// and then run scripts/add-migration.sh.
/// </summary>
public abstract class LaobaoDbContext : DbContext
{
    protected LaobaoDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Person> Persons => Set<Person>();
    public DbSet<InsuredUnit> InsuredUnits => Set<InsuredUnit>();
    public DbSet<CoverageEvent> CoverageEvents => Set<CoverageEvent>();
    public DbSet<CoverageSegment> CoverageSegments => Set<CoverageSegment>();
    public DbSet<PensionContribution> PensionContributions => Set<PensionContribution>();
    public DbSet<PensionEarning> PensionEarnings => Set<PensionEarning>();

    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LaobaoDbContext).Assembly);

        // snake_case columns everywhere: the tables are read by bulk SQL and by operators in psql/sqlite3.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

/// <summary>The SQLite flavour (default; a file under ./data).</summary>
public sealed class SqliteLaobaoDbContext(DbContextOptions<SqliteLaobaoDbContext> options) : LaobaoDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary>The PostgreSQL flavour (Npgsql).</summary>
public sealed class PostgresLaobaoDbContext(DbContextOptions<PostgresLaobaoDbContext> options) : LaobaoDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
