using System.Globalization;
using Laobao.Domain.Dates;
using Laobao.Domain.Identity;
using Laobao.Ops.Database;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Features.Statements;
using Laobao.Web.Security;
using Laobao.Web.Security.Audit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Laobao.Ops.Statements;

/// <summary>
/// <c>laobao statement ID --kind coverage|pension [--as-of DATE] --out FILE.pdf</c>: issues a signed statement from the
/// command line with the same service, key and store as the web host (SPEC §10), and prints its verification code.
/// </summary>
internal static class StatementCommand
{
    public const string Usage = "laobao statement ID --kind coverage|pension [--as-of DATE] --out FILE.pdf";

    public const string Summary = "issue a signed PDF statement and print its verification code";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time)
    {
        string? id = null, kind = null, asOfText = null, outFile = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--kind" when i + 1 < args.Length: kind = args[++i]; break;
                case "--as-of" when i + 1 < args.Length: asOfText = args[++i]; break;
                case "--out" when i + 1 < args.Length: outFile = args[++i]; break;
                case "-h" or "--help":
                    await output.WriteLineAsync($"Usage: {Usage}  ({Summary})").ConfigureAwait(false);
                    return ExitCodes.Ok;
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && id is null: id = a; break;
                default: throw new OpsUsageException($"unexpected argument '{args[i]}'");
            }
        }

        if (id is null || kind is null || outFile is null)
        {
            throw new OpsUsageException("give the ID number, --kind and --out");
        }

        if (!StatementKinds.IsKnown(kind))
        {
            throw new OpsUsageException($"--kind must be coverage or pension, not '{kind}'");
        }

        if (!TaiwanId.TryParse(id, out var person, out var idProblem))
        {
            await error.WriteLineAsync($"laobao statement: {idProblem.Message}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        DateOnly? asOf = null;
        if (asOfText is not null)
        {
            if (DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
            {
                asOf = iso;
            }
            else if (RocDate.TryParse(asOfText, out var roc, out var dateProblem))
            {
                asOf = roc;
            }
            else
            {
                await error.WriteLineAsync($"laobao statement: --as-of: {dateProblem.Message}").ConfigureAwait(false);
                return ExitCodes.Invalid;
            }
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(StatementOptions.Section).Get<StatementOptions>() ?? new StatementOptions();
        var desk = configuration.GetSection(DeskOptions.Section).Get<DeskOptions>() ?? new DeskOptions();
        if (string.IsNullOrEmpty(desk.Origin))
        {
            desk = new DeskOptions { Origin = "http://127.0.0.1:5080" };
        }

        var settings = OpsDatabase.FromEnvironment();
        await using var db = settings.CreateContext();
        using var signer = new StatementSigner(Options.Create(options));
        var service = new StatementService(db, new PersonInquiryReader(db, time), signer, Options.Create(options), Options.Create(desk), time);
        IssuedStatement? statement;
        try
        {
            statement = await service.IssueAsync(person.Value, kind, asOf, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StatementFontMissingException or StatementSigningUnavailableException)
        {
            await error.WriteLineAsync($"laobao statement: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        if (statement is null)
        {
            await error.WriteLineAsync($"laobao statement: no person {person.Masked} in {OpsDatabase.Describe(settings)}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }

        db.Set<AuditRecord>().Add(new AuditRecord
        {
            At = time.GetUtcNow().UtcDateTime, Action = AuditActions.StatementIssue, Outcome = "ok",
            SubjectIdNumber = person.Value, SubjectMasked = person.Masked, ClientAddress = "laobao statement",
        });
        await db.SaveChangesAsync().ConfigureAwait(false);
        await File.WriteAllBytesAsync(outFile, statement.Pdf).ConfigureAwait(false);
        await output.WriteLineAsync(StatementCode.Grouped(statement.Code)).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
