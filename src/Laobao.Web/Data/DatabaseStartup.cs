using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Data;

public static class DatabaseStartup
{
    /// <summary>
    /// Applies pending migrations at start when <c>Database:MigrateOnStart</c> is true. Unset, it is true for
    /// SQLite (one node, the default that must just work after a checkout) and false for PostgreSQL, where
    /// several nodes share the store and <c>laobao db migrate</c> runs once per release.
    /// </summary>
    public static void MigrateDatabaseIfConfigured(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        var migrate = app.Configuration.GetValue<bool?>("Database:MigrateOnStart") ?? settings.Provider == DatabaseProvider.Sqlite;
        if (!migrate)
        {
            return;
        }

        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<LaobaoDbContext>().Database.Migrate();
    }
}
