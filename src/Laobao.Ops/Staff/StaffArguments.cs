using System.Globalization;
using Laobao.Domain.Identity;
using Laobao.Web.Data;
using Laobao.Web.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Ops.Staff;

/// <summary>
/// What <c>laobao staff</c> and <c>laobao case</c> both read from their arguments: a person's ID number that must be in
/// the registry, and (for cases) months. Each refusal is one line on standard error naming the command and the value.
/// </summary>
internal static class StaffArguments
{
    /// <summary>The value after <paramref name="name"/>, or null when the option is absent.</summary>
    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The ID number, or null after saying why it is not one.</summary>
    public static async Task<TaiwanId?> IdAsync(string command, string text, TextWriter error)
    {
        if (TaiwanId.TryParse(text, out var id, out var why))
        {
            return id;
        }

        await error.WriteLineAsync($"laobao {command}: {text} is not an ID number: {why.Message}").ConfigureAwait(false);
        return null;
    }

    /// <summary>Whether the person is in the registry; when not, says so with <paramref name="hint"/> after it.</summary>
    public static async Task<bool> InRegistryAsync(LaobaoDbContext db, string command, TaiwanId id, string hint, TextWriter error, CancellationToken cancellationToken)
    {
        if (await db.Set<Person>().AnyAsync(p => p.IdNumber == id.Value, cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        await error.WriteLineAsync($"laobao {command}: no person {id.Masked} in the registry{hint}").ConfigureAwait(false);
        return false;
    }

    /// <summary>A month written YYYY-MM (Gregorian, as in the import files), as its first day; false for anything else.</summary>
    public static bool TryMonth(string text, out DateOnly month) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);
}
