using Laobao.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Laobao.Web.Tests.Data;

public sealed class DatabaseSettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Without_settings_the_store_is_a_sqlite_file_under_data()
    {
        var settings = DatabaseSettings.From(Config());
        Assert.Equal(new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=data/laobao.db"), settings);
    }

    [Fact]
    public void Postgres_is_chosen_by_name_in_any_case_with_its_connection_string()
    {
        var settings = DatabaseSettings.From(Config(("Database:Provider", "postgres"), ("ConnectionStrings:Laobao", "Host=db;Database=laobao")));
        Assert.Equal(DatabaseProvider.Postgres, settings.Provider);
        Assert.Equal("Host=db;Database=laobao", settings.ConnectionString);
    }

    [Fact]
    public void An_unknown_provider_or_postgres_without_a_connection_string_is_one_clear_error()
    {
        var unknown = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.From(Config(("Database:Provider", "Oracle"))));
        Assert.Equal("Database:Provider is 'Oracle'; expected Sqlite or Postgres.", unknown.Message);
        var missing = Assert.Throws<InvalidOperationException>(() => DatabaseSettings.From(Config(("Database:Provider", "Postgres"))));
        Assert.Contains("ConnectionStrings__Laobao", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_providers_map_the_same_tables_and_each_migration_set_matches_the_model()
    {
        using var sqlite = new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=:memory:").CreateContext();
        using var postgres = new DatabaseSettings(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=unused").CreateContext();
        string[] Tables(DbContext db) =>
            [.. db.Model.GetEntityTypes().Select(e => e.GetTableName() + "(" + string.Join(",", e.GetProperties().Select(p => p.GetColumnName())) + ")").Order()];
        Assert.Equal(Tables(sqlite), Tables(postgres));
        // Fails when the model changed without scripts/add-migration.sh (which updates both sets).
        Assert.False(sqlite.Database.HasPendingModelChanges(), "the SQLite migrations lag behind the model: run scripts/add-migration.sh NAME");
        Assert.False(postgres.Database.HasPendingModelChanges(), "the PostgreSQL migrations lag behind the model: run scripts/add-migration.sh NAME");
        Assert.Contains("coverage_segments(id_number,unit_code,kind,segment_start,insured_salary,period_end,period_start,segment_end)", Tables(sqlite));
    }
}
