using Laobao.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Laobao.Web.Data;

// Natural keys are the primary keys: an import upserts on them directly, and every table of one
// person's records is clustered under the ID number, so an inquiry is one index range per table.

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> builder)
    {
        builder.ToTable("persons");
        builder.HasKey(p => p.IdNumber);
        builder.Property(p => p.IdNumber).HasMaxLength(10);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.NameLatin).HasMaxLength(200);
        builder.Property(p => p.Nationality).HasMaxLength(2);
        builder.Property(p => p.Residence).HasMaxLength(8);
        builder.Property(p => p.PensionScheme).HasMaxLength(4);
    }
}

internal sealed class InsuredUnitConfiguration : IEntityTypeConfiguration<InsuredUnit>
{
    public void Configure(EntityTypeBuilder<InsuredUnit> builder)
    {
        builder.ToTable("insured_units");
        builder.HasKey(u => u.UnitCode);
        builder.Property(u => u.UnitCode).HasMaxLength(9);
        builder.Property(u => u.Name).HasMaxLength(200);
        builder.Property(u => u.NameLatin).HasMaxLength(200);
    }
}

internal sealed class CoverageEventConfiguration : IEntityTypeConfiguration<CoverageEvent>
{
    public void Configure(EntityTypeBuilder<CoverageEvent> builder)
    {
        builder.ToTable("coverage_events");
        builder.HasKey(e => new { e.IdNumber, e.UnitCode, e.Event, e.Date, e.Kinds });
        builder.Property(e => e.IdNumber).HasMaxLength(10);
        builder.Property(e => e.UnitCode).HasMaxLength(9);
        builder.Property(e => e.Event).HasMaxLength(8);
        builder.Property(e => e.Kinds).HasMaxLength(40);
        builder.HasOne<Person>().WithMany().HasForeignKey(e => e.IdNumber).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<InsuredUnit>().WithMany().HasForeignKey(e => e.UnitCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CoverageSegmentConfiguration : IEntityTypeConfiguration<CoverageSegment>
{
    public void Configure(EntityTypeBuilder<CoverageSegment> builder)
    {
        builder.ToTable("coverage_segments");
        builder.HasKey(s => new { s.IdNumber, s.UnitCode, s.Kind, s.SegmentStart });
        builder.Property(s => s.IdNumber).HasMaxLength(10);
        builder.Property(s => s.UnitCode).HasMaxLength(9);
        builder.Property(s => s.Kind).HasMaxLength(12);
        // Derived rows carry no foreign keys. Only the importer and the seeder write them, from events of the same
        // person and unit in the same transaction, and those events hold both keys (person ON DELETE CASCADE, unit
        // ON DELETE RESTRICT). Checking every derived row again cost about a third of a coverage-events import on
        // PostgreSQL. Deleting a person still removes their segments: the migration PersonDeleteRemovesSegments adds
        // an AFTER DELETE trigger on persons (on SQLite, a migration that rebuilds either table must re-create it).
    }
}

internal sealed class PensionContributionConfiguration : IEntityTypeConfiguration<PensionContribution>
{
    public void Configure(EntityTypeBuilder<PensionContribution> builder)
    {
        builder.ToTable("pension_contributions");
        builder.HasKey(c => new { c.IdNumber, c.UnitCode, c.Month });
        builder.Property(c => c.IdNumber).HasMaxLength(10);
        builder.Property(c => c.UnitCode).HasMaxLength(9);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.IdNumber).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<InsuredUnit>().WithMany().HasForeignKey(c => c.UnitCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PensionEarningConfiguration : IEntityTypeConfiguration<PensionEarning>
{
    public void Configure(EntityTypeBuilder<PensionEarning> builder)
    {
        builder.ToTable("pension_earnings");
        builder.HasKey(e => new { e.IdNumber, e.Year });
        builder.Property(e => e.IdNumber).HasMaxLength(10);
        builder.HasOne<Person>().WithMany().HasForeignKey(e => e.IdNumber).OnDelete(DeleteBehavior.Cascade);
    }
}
