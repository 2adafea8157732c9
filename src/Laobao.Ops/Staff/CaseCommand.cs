using Laobao.Ops.Database;
using Laobao.Web.Data;
using Laobao.Web.Data.Entities;
using Laobao.Web.Features.Cases;

namespace Laobao.Ops.Staff;

/// <summary>
/// <c>laobao case open ID --topic T --comment TEXT [--unit U] [--from YYYY-MM] [--to YYYY-MM]</c>: opens a case for a
/// person who reported a problem at a counter or by phone, as "report a problem" would (SPEC §12). Prints the number.
/// No mail is sent from here: the person gets the usual mails from the next step on.
/// </summary>
internal static class CaseCommand
{
    public const string Usage = "case open ID --topic T --comment TEXT [--unit U] [--from YYYY-MM] [--to YYYY-MM]";
    public const string Summary = "open a reported-problem case for a person (counter or phone)";

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error) =>
        RunAsync(OpsDatabase.FromEnvironment(), args, output, error, TimeProvider.System, CancellationToken.None);

    public static async Task<int> RunAsync(DatabaseSettings settings, string[] args, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length < 2 || args[0] != "open")
        {
            throw new OpsUsageException(args.Length == 0 ? "missing sub-command" : $"unknown sub-command '{string.Join(' ', args)}'");
        }

        string? Option(string name) => StaffArguments.Option(args, name);
        if (await StaffArguments.IdAsync("case", args[1], error).ConfigureAwait(false) is not { } id)
        {
            return ExitCodes.Invalid;
        }

        var topic = Option("--topic");
        var comment = Option("--comment")?.Trim();
        if (!CaseCopy.IsTopic(topic) || string.IsNullOrEmpty(comment) || comment.Length > CaseLimits.CommentLength)
        {
            await error.WriteLineAsync($"laobao case: --topic must be period, month or a health code, and --comment 1–{CaseLimits.CommentLength} characters").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        var months = new Dictionary<string, DateOnly?>();
        foreach (var name in new[] { "--from", "--to" })
        {
            if (Option(name) is not { } text)
            {
                months[name] = null;
            }
            else if (StaffArguments.TryMonth(text, out var month))
            {
                months[name] = month;
            }
            else
            {
                await error.WriteLineAsync($"laobao case: {name} {text} is not a month written YYYY-MM, e.g. 2025-03").ConfigureAwait(false);
                return ExitCodes.Invalid;
            }
        }

        await using var db = settings.CreateContext();
        if (!await StaffArguments.InRegistryAsync(db, "case", id, "", error, cancellationToken).ConfigureAwait(false))
        {
            return ExitCodes.Invalid;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var entity = new RecordCase
        {
            Number = CaseService.NewNumber(),
            PersonIdNumber = id.Value,
            CreatedAt = now,
            UpdatedAt = now,
            Status = CaseStatuses.Received,
            Topic = topic!,
            UnitCode = Option("--unit"),
            FromMonth = months["--from"],
            ToMonth = months["--to"] ?? months["--from"],
            Comment = comment,
        };
        db.Add(entity);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.Add(new CaseEvent { CaseId = entity.Id, At = now, Status = CaseStatuses.Received, Actor = "person" });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(entity.Number).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
