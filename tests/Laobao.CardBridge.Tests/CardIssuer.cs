using System.Security.Cryptography.X509Certificates;
using Laobao.Ops;
using Laobao.Ops.Pki;

namespace Laobao.CardBridge.Tests;

/// <summary>Mints cards with the real <c>laobao pki</c> command into a throwaway PKI folder.</summary>
public sealed class CardIssuer : IDisposable
{
    public CardIssuer()
    {
        Folder = Directory.CreateTempSubdirectory("laobao-cards-").FullName;
        Run("init", "--dir", PkiDir);
    }

    public string Folder { get; }

    public string PkiDir => Path.Combine(Folder, "pki");

    /// <summary>Runs <c>laobao pki issue-card</c> onto the SoftHSM token and returns the certificate it issued.</summary>
    public X509Certificate2 IssueToToken(string tokenLabel, string name = "王小明", string id = "A123456789", params string[] more) =>
        Issue(["--module", SoftHsm.ModulePath, "--token", tokenLabel, "--pin", SoftHsm.Pin, "--name", name, "--id", id, .. more]);

    /// <summary>A card on a token whose user PIN is <paramref name="pin"/> (made with <see cref="SoftHsm.NewToken(string)"/>).</summary>
    public X509Certificate2 IssueToTokenWithPin(string tokenLabel, string pin) =>
        Issue(["--module", SoftHsm.ModulePath, "--token", tokenLabel, "--pin", pin, "--name", "王小明", "--id", "A123456789"]);

    /// <summary>Runs <c>laobao pki issue-card --p12</c> into <paramref name="folder"/>.</summary>
    public X509Certificate2 IssueToFile(string folder, string fileName, string pin, string name = "陳美麗", string id = "A800000014") =>
        Issue(["--p12", Path.Combine(folder, fileName), "--pin", pin, "--name", name, "--id", id]);

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private X509Certificate2 Issue(string[] options)
    {
        var before = Directory.Exists(Path.Combine(PkiDir, "issued")) ? Directory.GetFiles(Path.Combine(PkiDir, "issued")).ToHashSet() : [];
        Run(["issue-card", "--dir", PkiDir, .. options]);
        var created = Directory.GetFiles(Path.Combine(PkiDir, "issued")).Single(f => !before.Contains(f));
        return X509CertificateLoader.LoadCertificateFromFile(created);
    }

    private static void Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = OpsCommandLine.RunAsync(["pki", .. args], output, error).GetAwaiter().GetResult();
        if (code != ExitCodes.Ok)
        {
            throw new InvalidOperationException($"laobao pki {args[0]} failed: {error}");
        }
    }
}
