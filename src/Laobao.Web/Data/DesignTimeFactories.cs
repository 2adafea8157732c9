using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Laobao.Web.Data;

// dotnet-ef builds each provider's context here, without starting the web host; adding a migration
// never connects, so the connection strings only name a placeholder store.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLaobaoDbContext>
{
    public SqliteLaobaoDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteLaobaoDbContext>()
            .UseSqlite(DatabaseSettings.DefaultSqliteConnectionString)
            .Options;
        return new SqliteLaobaoDbContext(options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLaobaoDbContext>
{
    public PostgresLaobaoDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresLaobaoDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=laobao_design")
            .Options;
        return new PostgresLaobaoDbContext(options);
    }
}
