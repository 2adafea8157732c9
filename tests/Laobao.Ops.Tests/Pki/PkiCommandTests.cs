using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Laobao.Ops.Pki;
using Microsoft.Extensions.Time.Testing;

namespace Laobao.Ops.Tests.Pki;

public sealed class PkiCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("laobao-pki-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero));

    private string Dir => Path.Combine(folder, "pki");

    [Fact]
    public async Task Init_writes_the_state_folder_with_clear_files_and_first_CRLs()
    {
        var (code, output, _) = await Run("init", "--dir", Dir, "--crl-base-url", "http://127.0.0.1:7000/crl");

        Assert.Equal(0, code);
        Assert.Contains("created a development PKI", output, StringComparison.Ordinal);
        foreach (var file in new[] { "pki.json", "root-demo.crt", "root-demo.key", "moica-demo.crt", "moica-demo.key", "crl/moica-demo.crl", "crl/root-demo.crl" })
        {
            Assert.True(File.Exists(Path.Combine(Dir, file)), file);
        }

        Assert.Contains("http://127.0.0.1:7000/crl/moica-demo.crl", await File.ReadAllTextAsync(Path.Combine(Dir, "pki.json")), StringComparison.Ordinal);
        var intermediate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Dir, "moica-demo.crt"));
        Assert.Equal(["C=TW", "O=行政院", "OU=內政部憑證管理中心"], Rdns(intermediate.SubjectName));
    }

    [Fact]
    public async Task Init_refuses_a_folder_that_already_holds_a_PKI()
    {
        await Run("init", "--dir", Dir);
        var (code, _, error) = await Run("init", "--dir", Dir);

        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Equal($"laobao pki init: '{Dir}' already holds a development PKI; use another --dir or delete it first", error.Trim());
    }

    [Fact]
    public async Task Issue_card_to_PKCS12_then_revoke_and_crl_lists_the_serial()
    {
        await Run("init", "--dir", Dir);
        var p12 = Path.Combine(folder, "card.p12");
        var (code, output, error) = await Run("issue-card", "--dir", Dir, "--name", "王小明", "--id", "A123456789", "--pin", "123456", "--p12", p12);
        Assert.True(code == 0, error);
        Assert.Contains("A12****789", output, StringComparison.Ordinal);
        Assert.DoesNotContain("A123456789", output, StringComparison.Ordinal);

        var collection = X509CertificateLoader.LoadPkcs12Collection(await File.ReadAllBytesAsync(p12), "123456");
        var card = Assert.Single(collection.Cast<X509Certificate2>(), c => c.HasPrivateKey);
        Assert.Equal("6789", MoicaProfile.ReadLastFour(card));
        Assert.Contains(collection.Cast<X509Certificate2>(), c => Rdns(c.SubjectName).SequenceEqual(["C=TW", "O=行政院", "OU=內政部憑證管理中心"]));
        Assert.True(Pkcs12Info.Decode(await File.ReadAllBytesAsync(p12), out _).VerifyMac("123456"));
        Assert.True(File.Exists(Path.Combine(Dir, "issued", card.SerialNumber + ".crt")));

        (code, output, _) = await Run("revoke", card.SerialNumber, "--dir", Dir, "--reason", "cessationOfOperation");
        Assert.Equal(0, code);
        Assert.Contains("CessationOfOperation", output, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromMinutes(5));
        (code, _, _) = await Run("crl", "--dir", Dir, "--valid-hours", "48");
        Assert.Equal(0, code);
        var crl = CrlContents.Parse(await File.ReadAllBytesAsync(Path.Combine(Dir, "crl", "moica-demo.crl")));
        Assert.Equal([card.SerialNumber], crl.RevokedSerials);
        Assert.Equal(time.GetUtcNow(), crl.ThisUpdate);
        Assert.Equal(time.GetUtcNow().AddHours(48), crl.NextUpdate);
    }

    [Fact]
    public async Task Issue_card_options_shape_the_certificate()
    {
        await Run("init", "--dir", Dir);
        var p12 = Path.Combine(folder, "odd.p12");
        var (code, _, error) = await Run(
            "issue-card", "--dir", Dir, "--name", "Chen Mei", "--id", "A800000014", "--pin", "87654321", "--p12", p12,
            "--serial-number", "0000000112831644", "--not-before", "2025-01-01", "--not-after", "2025-12-31",
            "--key-usage", "keyEncipherment,dataEncipherment", "--policy", "none", "--last-four", "9999", "--crl-url", "none");
        Assert.True(code == 0, error);

        var card = X509CertificateLoader.LoadPkcs12Collection(await File.ReadAllBytesAsync(p12), "87654321").Cast<X509Certificate2>().Single(c => c.HasPrivateKey);
        Assert.Equal(["C=TW", "CN=Chen Mei", "2.5.4.5=0000000112831644"], Rdns(card.SubjectName));
        Assert.Equal(new DateTime(2025, 12, 31, 0, 0, 0, DateTimeKind.Utc), card.NotAfter.ToUniversalTime());
        Assert.Equal(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, Assert.IsType<X509KeyUsageExtension>(card.Extensions["2.5.29.15"]).KeyUsages);
        Assert.Empty(MoicaProfile.ReadPolicies(card));
        Assert.Equal("9999", MoicaProfile.ReadLastFour(card));
        Assert.Null(card.Extensions["2.5.29.31"]);
    }

    [Theory]
    [InlineData("laobao pki issue-card: --id is not an ID or ARC number:", "--name", "甲", "--id", "A123456788", "--pin", "123456", "--p12", "x.p12")]
    [InlineData("laobao pki issue-card: --pin must be 6 to 8 letters and digits", "--name", "甲", "--id", "A123456789", "--pin", "12ab", "--p12", "x.p12")]
    [InlineData("laobao pki issue-card: --pin must be 6 to 8 letters and digits", "--name", "甲", "--id", "A123456789", "--pin", "12ab-cd", "--p12", "x.p12")]
    [InlineData("laobao pki issue-card: --key-usage 'signing' is not a key usage", "--name", "甲", "--id", "A123456789", "--pin", "123456", "--p12", "x.p12", "--key-usage", "signing")]
    [InlineData("laobao pki issue-card: --policy '2.16.x' is not an OID", "--name", "甲", "--id", "A123456789", "--pin", "123456", "--p12", "x.p12", "--policy", "2.16.x")]
    [InlineData("laobao pki issue-card: --serial-number must be 16 digits", "--name", "甲", "--id", "A123456789", "--pin", "123456", "--p12", "x.p12", "--serial-number", "12")]
    public async Task Bad_issue_card_input_gives_one_clear_line(string expected, params string[] options)
    {
        await Run("init", "--dir", Dir);
        var (code, output, error) = await Run(["issue-card", "--dir", Dir, .. options]);

        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Empty(output);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Usage_errors_name_the_problem_and_the_usage()
    {
        var (code, _, error) = await Run("issue-card", "--dir", Dir, "--name", "甲", "--id", "A123456789", "--pin", "123456");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("laobao pki: give either --p12 FILE or --module PATH --token LABEL. Usage: pki ", error, StringComparison.Ordinal);

        (code, _, error) = await Run("crl", "--dir", Dir, "--colour", "red");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("laobao pki: unknown option --colour.", error, StringComparison.Ordinal);

        (code, _, error) = await Run("mint");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("laobao pki: unknown pki command 'mint'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_sub_command()
    {
        var (code, output, _) = await Run("--help");

        Assert.Equal(ExitCodes.Ok, code);
        foreach (var command in new[] { "pki init", "pki issue-card", "pki revoke", "pki crl" })
        {
            Assert.Contains(command, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Commands_on_a_missing_PKI_say_how_to_create_it()
    {
        var (code, _, error) = await Run("crl", "--dir", Dir);
        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Equal($"laobao pki crl: '{Dir}' holds no development PKI (no pki.json); run 'laobao pki init --dir {Dir}' first", error.Trim());

        await Run("init", "--dir", Dir);
        (code, _, error) = await Run("revoke", "0A0B0C", "--dir", Dir);
        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Equal("laobao pki revoke: serial 0A0B0C was not issued by this development PKI", error.Trim());
    }

    [Fact]
    public async Task Issue_card_to_a_missing_PKCS11_module_fails_with_a_sentence()
    {
        await Run("init", "--dir", Dir);
        var (code, _, error) = await Run("issue-card", "--dir", Dir, "--name", "甲", "--id", "A123456789", "--pin", "123456",
            "--module", Path.Combine(folder, "no-such-module.so"), "--token", "card");

        Assert.Equal(ExitCodes.Invalid, code);
        Assert.StartsWith("laobao pki issue-card: the PKCS#11 module", error, StringComparison.Ordinal);
    }

    private static List<string> Rdns(X500DistinguishedName name) =>
        [.. name.EnumerateRelativeDistinguishedNames().Select(r => (r.GetSingleElementType().FriendlyName switch
        {
            "C" or "CN" or "O" or "OU" => r.GetSingleElementType().FriendlyName,
            _ => r.GetSingleElementType().Value,
        }) + "=" + r.GetSingleElementValue())];

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = args.Length > 0 && args[0] is "init" or "issue-card" or "revoke" or "crl"
            ? await RunPki(args, output, error)
            : await OpsCommandLine.RunAsync(["pki", .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private async Task<int> RunPki(string[] args, StringWriter output, StringWriter error)
    {
        // Through the real command line for usage handling, with the test clock for the PKI.
        try
        {
            return await PkiCommand.RunAsync(args, output, error, time);
        }
        catch (OpsUsageException e)
        {
            await error.WriteLineAsync($"laobao pki: {e.Message}. Usage: {PkiCommand.Usage}");
            return ExitCodes.Usage;
        }
    }
}
