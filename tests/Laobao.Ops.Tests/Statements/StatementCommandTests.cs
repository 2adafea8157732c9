using System.Text.RegularExpressions;
using Laobao.Ops.Pki;
using Laobao.Web.Data;
using Laobao.Web.Features.Statements;
using Laobao.Web.Tests.Features.Statements;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Ops.Tests.Statements;

/// <summary><c>laobao pki document-signer</c> then <c>laobao statement</c>, as real processes on a real store.</summary>
public sealed partial class StatementCommandTests(SqliteStores stores) : IClassFixture<SqliteStores>
{
    [Fact]
    public async Task TheCommandIssuesASignedStatementAndPrintsItsCode()
    {
        var settings = await stores.NewStoreAsync();
        await using (var db = settings.CreateContext())
        {
            await StatementPeople.AddAsync(db);
        }

        var folder = Directory.CreateTempSubdirectory("laobao-statement-cli-").FullName;
        try
        {
            var documents = Path.Combine(folder, "documents");
            using (var pki = LaobaoProcess.Start(settings, folder, "pki", "document-signer", "--dir", documents, "--password", "pw-123"))
            {
                var ran = await pki.WaitAsync();
                var (exit, output, error) = (ran.ExitCode, ran.Output, ran.Error);
                Assert.True(exit == 0, output + error);
            }

            // The ops command reads ./appsettings.json like the web host reads its own.
            await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), $$"""
                { "Statements": { "SigningCertificate": "{{Path.Combine(documents, DocumentSigningPki.SignerPkcs12File)}}",
                                  "SigningCertificatePassword": "pw-123",
                                  "CaCertificate": "{{Path.Combine(documents, DocumentSigningPki.CaCertificateFile)}}" },
                  "Desk": { "Origin": "https://laobao.example" } }
                """);
            var pdf = Path.Combine(folder, "coverage.pdf");
            using (var run = LaobaoProcess.Start(settings, folder, "statement", StatementPeople.Long, "--kind", "coverage", "--as-of", "1150301", "--out", pdf))
            {
                var ran = await run.WaitAsync();
                var (exit, output, error) = (ran.ExitCode, ran.Output, ran.Error);
                Assert.True(exit == 0, output + error);
                var code = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Trim();
                Assert.Matches(CodeShape(), code);

                var (sigExit, sig) = await Run("pdfsig", pdf);
                Assert.True(sigExit == 0, sig);
                Assert.Contains("Signature is Valid", sig, StringComparison.Ordinal);
                Assert.Contains("Total document signed", sig, StringComparison.Ordinal);

                await using var db = settings.CreateContext();
                var stored = await db.Set<IssuedStatement>().SingleAsync();
                Assert.Equal(code.Replace("-", "", StringComparison.Ordinal), stored.Code);
                Assert.Equal(await File.ReadAllBytesAsync(pdf), stored.Pdf);
                Assert.Equal(new DateOnly(2026, 3, 1), stored.AsOf);
            }

            using (var bad = LaobaoProcess.Start(settings, folder, "statement", StatementPeople.Long, "--kind", "salary", "--out", pdf))
            {
                var ran = await bad.WaitAsync();
                var (exit, error) = (ran.ExitCode, ran.Error);
                Assert.Equal(ExitCodes.Usage, exit);
                Assert.Contains("--kind must be coverage or pension", error, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output)> Run(string tool, params string[] args)
    {
        var path = "/usr/bin/" + tool;
        Assert.True(File.Exists(path), $"{path} is missing: apt-get install -y poppler-utils");
        var start = new System.Diagnostics.ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")]
    private static partial Regex CodeShape();
}
