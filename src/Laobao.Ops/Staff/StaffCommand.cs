using Laobao.Domain.Identity;
using Laobao.Web.Data;
using Laobao.Ops.Database;
using Laobao.Web.Features.Staff;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Ops.Staff;

/// <summary>
/// <c>laobao staff grant ID</c> / <c>revoke ID</c> / <c>list</c>: who may answer cases under /staff (SPEC §12). Staff
/// sign in with their own card, so the ID must be a person in the registry; the grant takes effect at their next request.
/// </summary>
internal static class StaffCommand
{
    public const string Usage = "staff grant ID | staff revoke ID | staff list";
    public const string Summary = "grant or revoke the staff role of the /staff case pages";

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(OpsDatabase.FromEnvironment(), args, output, error, TimeProvider.System, CancellationToken.None);

    public static async Task<int> RunAsync(DatabaseSettings settings, string[] args, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        await using var db = settings.CreateContext();
        if (args is ["list"])
        {
            foreach (var member in await db.Set<StaffMember>().AsNoTracking().OrderBy(s => s.IdNumber).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                await output.WriteLineAsync($"{TaiwanId.Parse(member.IdNumber).Masked}  granted {member.GrantedAt:yyyy-MM-dd HH:mm}Z").ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }

        if (args is not [("grant" or "revoke") and var verb, var number])
        {
            throw new OpsUsageException(args.Length == 0 ? "missing sub-command" : $"unknown sub-command '{string.Join(' ', args)}'");
        }

        if (await StaffArguments.IdAsync("staff", number, error).ConfigureAwait(false) is not { } id)
        {
            return ExitCodes.Invalid;
        }

        var existing = await db.Set<StaffMember>().FirstOrDefaultAsync(s => s.IdNumber == id.Value, cancellationToken).ConfigureAwait(false);
        if (verb == "grant")
        {
            if (!await StaffArguments.InRegistryAsync(db, "staff", id, "; staff sign in with their own card, so import them first", error, cancellationToken).ConfigureAwait(false))
            {
                return ExitCodes.Invalid;
            }

            if (existing is null)
            {
                db.Set<StaffMember>().Add(new StaffMember { IdNumber = id.Value, GrantedAt = time.GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            await output.WriteLineAsync($"{id.Masked} holds the staff role").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        if (existing is not null)
        {
            db.Remove(existing);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        await output.WriteLineAsync($"{id.Masked} does not hold the staff role").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
