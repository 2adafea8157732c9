using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Laobao.Web.Data;

/// <summary>
/// An EF Core compiled query, compiled once for each model it meets. A compiled query binds to the model it first
/// runs against; a production host has one, but a process may build several (each test host, each provider, a
/// context made outside dependency injection), so each model gets its own copy, forgotten with the model.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> compiled = [];

    public TQuery For(LaobaoDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return compiled.GetValue(db.Model, _ => compile());
    }
}
