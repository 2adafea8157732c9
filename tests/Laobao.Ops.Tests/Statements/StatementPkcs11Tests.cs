using System.Diagnostics;
using System.Text.RegularExpressions;
using Laobao.Ops.Pki;
using Laobao.Web.Tests.Features.Statements;

namespace Laobao.Ops.Tests.Statements;

/// <summary>
/// The production set-up of SPEC §10's signing key on a PKCS#11 token: SoftHSM2 stands in for the HSM, the development
/// signer's key is put on it by <c>laobao pki document-signer --module … --token …</c>, the PKCS#12 file is deleted,
/// and <c>laobao statement</c> (the same StatementSigner as the web host) signs on the token. Every step is a child
/// process with its own SOFTHSM2_CONF, so no other test's token is touched.
/// </summary>
public sealed partial class StatementPkcs11Tests(SqliteStores stores) : IClassFixture<SqliteStores>
{
    private const string Module = "/usr/lib/softhsm/libsofthsm2.so";
    private const string Pin = "246810";

    [Fact]
    public async Task A_statement_signed_with_the_key_on_a_pkcs11_token_passes_pdfsig()
    {
        Assert.True(File.Exists(Module) && File.Exists("/usr/bin/softhsm2-util"), $"SoftHSM2 is needed ({Module}, softhsm2-util): apt-get install -y softhsm2");
        var settings = await stores.NewStoreAsync();
        await using (var db = settings.CreateContext())
        {
            await StatementPeople.AddAsync(db);
        }

        var folder = Directory.CreateTempSubdirectory("laobao-statement-pkcs11-").FullName;
        try
        {
            var tokens = Path.Combine(folder, "tokens");
            Directory.CreateDirectory(tokens);
            var config = Path.Combine(folder, "softhsm2.conf");
            await File.WriteAllTextAsync(config, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
            var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["SOFTHSM2_CONF"] = config };
            var (initExit, init) = await RunAsync("/usr/bin/softhsm2-util", environment, "--init-token", "--free", "--label", "statements", "--pin", Pin, "--so-pin", "12345678");
            Assert.True(initExit == 0, init);

            var documents = Path.Combine(folder, "documents");
            using (var pki = LaobaoProcess.StartWith(settings, folder, environment, "pki", "document-signer", "--dir", documents, "--module", Module, "--token", "statements", "--pin", Pin))
            {
                var ran = await pki.WaitAsync();
                Assert.True(ran.ExitCode == 0, ran.Output + ran.Error);
                Assert.Contains("Statements:Pkcs11Module", ran.Output, StringComparison.Ordinal);
            }

            // Nothing but the token holds the key now.
            File.Delete(Path.Combine(documents, DocumentSigningPki.SignerPkcs12File));
            await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), $$"""
                { "Statements": { "Pkcs11Module": "{{Module}}", "Pkcs11Token": "statements", "Pkcs11KeyLabel": "{{PkiCommand.DocumentSignerTokenLabel}}",
                                  "CaCertificate": "{{Path.Combine(documents, DocumentSigningPki.CaCertificateFile)}}" },
                  "Desk": { "Origin": "https://laobao.example" } }
                """);
            // The PIN comes through the environment, as the operator guide advises.
            var withPin = new Dictionary<string, string>(environment, StringComparer.Ordinal) { ["Statements__Pkcs11Pin"] = Pin };

            foreach (var (id, kind) in new[] { (StatementPeople.Short, "coverage"), (StatementPeople.Long, "pension") })
            {
                var pdf = Path.Combine(folder, $"{kind}.pdf");
                using var run = LaobaoProcess.StartWith(settings, folder, withPin, "statement", id, "--kind", kind, "--out", pdf);
                var ran = await run.WaitAsync();
                Assert.True(ran.ExitCode == 0, ran.Output + ran.Error);
                Assert.Matches(CodeShape(), ran.Output.Trim());

                var (sigExit, sig) = await RunAsync("/usr/bin/pdfsig", environment, pdf);
                Assert.True(sigExit == 0, sig);
                Assert.Contains("Signature Validation: Signature is Valid.", sig, StringComparison.Ordinal);
                Assert.Contains("Total document signed", sig, StringComparison.Ordinal);
                Assert.Contains("Signer Certificate Common Name: Laobao development statements", sig, StringComparison.Ordinal);
                Assert.Contains("SHA-256", sig, StringComparison.Ordinal);

                var bytes = await File.ReadAllBytesAsync(pdf);
                // A byte of the document information, well inside the signed range.
                var at = System.Text.Encoding.Latin1.GetString(bytes).IndexOf("/Title", StringComparison.Ordinal);
                Assert.True(at > 0);
                bytes[at + 2] ^= 0x01;
                await File.WriteAllBytesAsync(pdf, bytes);
                (_, sig) = await RunAsync("/usr/bin/pdfsig", environment, pdf);
                Assert.DoesNotContain("Signature is Valid", sig, StringComparison.Ordinal);
            }

            // A wrong PIN: one clear sentence naming the setting, exit 4, no file.
            var wrong = new Dictionary<string, string>(environment, StringComparer.Ordinal) { ["Statements__Pkcs11Pin"] = "999999" };
            var refused = Path.Combine(folder, "refused.pdf");
            using (var run = LaobaoProcess.StartWith(settings, folder, wrong, "statement", StatementPeople.Short, "--kind", "coverage", "--out", refused))
            {
                var ran = await run.WaitAsync();
                Assert.Equal(ExitCodes.Failed, ran.ExitCode);
                Assert.Contains("Statements:Pkcs11Pin", ran.Error, StringComparison.Ordinal);
                Assert.DoesNotContain("   at ", ran.Error, StringComparison.Ordinal);
                Assert.False(File.Exists(refused));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string path, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        Assert.True(File.Exists(path), $"{path} is missing (apt-get install -y softhsm2 poppler-utils; ./test.sh installs them)");
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")]
    private static partial Regex CodeShape();
}
