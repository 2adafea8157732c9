using System.Security.Claims;
using System.Security.Cryptography;
using Laobao.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Security.Sessions;

/// <summary>
/// Keeps e-desk sessions in the database (the cookie holds only a random key) and enforces both lifetimes
/// here, where the clock is the server's: idle since the last request, and absolute since sign-in.
/// </summary>
public sealed class DatabaseTicketStore(IServiceScopeFactory scopes, TimeProvider time, IOptions<DeskSessionOptions> options) : ITicketStore
{
    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow().UtcDateTime;
        var person = ticket.Principal.FindFirstValue(DeskClaims.IdNumber) ?? throw new InvalidOperationException("A desk session needs the ID-number claim.");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
        // One INSERT on every sign-in, without the change tracker around it.
        await db.RunAsync(
            InsertSql,
            new (string, object?)[]
            {
                ("@key", Hashes.Sha256Hex(key)),
                ("@person", person),
                ("@ticket", TicketSerializer.Default.Serialize(ticket)),
                ("@now", now),
                ("@absolute", now + options.Value.AbsoluteTimeout),
            },
            static (command, token) => command.ExecuteNonQueryAsync(token),
            CancellationToken.None);
        return key;
    }

    private const string InsertSql =
        "INSERT INTO desk_sessions (key_hash, person_id_number, ticket, created_at, last_seen_at, absolute_expires_at) "
        + "VALUES (@key, @person, @ticket, @now, @now, @absolute)";

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var keyHash = Hashes.Sha256Hex(key);
        var bytes = TicketSerializer.Default.Serialize(ticket);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
        await db.Set<DeskSession>().Where(s => s.KeyHash == keyHash)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var keyHash = Hashes.Sha256Hex(key);
        var now = time.GetUtcNow().UtcDateTime;
        var idleSince = now - options.Value.IdleTimeout;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
        var sessions = db.Set<DeskSession>();

        // One conditional UPDATE both checks both lifetimes and records this request as activity.
        var alive = await sessions
            .Where(s => s.KeyHash == keyHash && s.LastSeenAt >= idleSince && s.AbsoluteExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now));
        if (alive != 1)
        {
            await sessions.Where(s => s.KeyHash == keyHash).ExecuteDeleteAsync();
            return null;
        }

        var bytes = await sessions.AsNoTracking().Where(s => s.KeyHash == keyHash).Select(s => s.Ticket).SingleAsync();
        return TicketSerializer.Default.Deserialize(bytes);
    }

    public async Task RemoveAsync(string key)
    {
        var keyHash = Hashes.Sha256Hex(key);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
        await db.Set<DeskSession>().Where(s => s.KeyHash == keyHash).ExecuteDeleteAsync();
    }
}

/// <summary>Claim types of an e-desk session.</summary>
public static class DeskClaims
{
    public const string IdNumber = "laobao:id";
    public const string Name = "laobao:name";
    public const string Masked = "laobao:masked";

    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
}
