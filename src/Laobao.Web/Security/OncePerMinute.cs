namespace Laobao.Web.Security;

/// <summary>
/// True for one caller a minute on this node. Housekeeping that requests start themselves (purging old challenges,
/// expired tokens) runs once a minute per node instead of on every request; one singleton per kind of work, named by
/// <typeparamref name="TWork"/>, so each keeps its own minute.
/// </summary>
public sealed class OncePerMinute<TWork>
{
    private long nextTicks = long.MinValue;

    public bool IsDue(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref nextTicks);
        return now.UtcTicks >= next && Interlocked.CompareExchange(ref nextTicks, now.UtcTicks + TimeSpan.TicksPerMinute, next) == next;
    }
}
