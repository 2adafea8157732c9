using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Laobao.Web.Operations.Outage;

/// <summary>Tells a store that is away (down, restarting, unreachable, refusing connections) from a bug.</summary>
public static class StoreOutage
{
    /// <summary>True when <paramref name="exception"/> or one it wraps says the store cannot be reached now.</summary>
    public static bool IsStoreUnavailable(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting or stopping);
                // class 08: connection exceptions; 53300 too many connections.
                case PostgresException postgres when postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                                                    || postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                                                    || postgres.SqlState == "53300":
                    return true;
                case PostgresException:
                    return false;
                // Npgsql's own failures below the SQL level: connection refused, broken stream, timeout.
                case NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException:
                    return true;
                case SocketException:
                    return true;
                // SQLITE_BUSY (5) / SQLITE_LOCKED (6) after the busy timeout; SQLITE_CANTOPEN (14).
                case SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6 or 14:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsStoreUnavailable):
                    return true;
                case DbException:
                    break;
            }
        }

        return false;
    }
}
