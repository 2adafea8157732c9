namespace Laobao.Web.Data;

/// <summary>
/// One compiled query per database provider. EF Core binds a compiled query to the model it first runs with and refuses
/// another (InvalidOperationException), and the SQLite and PostgreSQL contexts have models of their own: a node runs one
/// provider, but a process may hold both (the tests do).
/// </summary>
internal sealed class PerProvider<T>(Func<T> compile)
    where T : class
{
    private readonly T sqlite = compile();
    private readonly T postgres = compile();

    public T For(LaobaoDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Provider == DatabaseProvider.Postgres ? postgres : sqlite;
    }
}
