using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Laobao.Ops.Pki;

/// <summary>
/// The files of a development PKI's state folder, plain enough to read with openssl:
/// <c>pki.json</c> (settings, next CRL number), <c>revoked.json</c>, <c>root-demo.crt/.key</c>,
/// <c>moica-demo.crt/.key</c> (PEM; the keys are unencrypted — development only),
/// <c>issued/&lt;serial&gt;.crt</c> and <c>crl/*.crl</c> (DER).
/// </summary>
internal static class DevelopmentPkiStore
{
    public const string StateFile = "pki.json";
    public const string RevokedFile = "revoked.json";
    public const string RootCertificateFile = "root-demo.crt";
    public const string RootKeyFile = "root-demo.key";
    public const string IntermediateCertificateFile = "moica-demo.crt";
    public const string IntermediateKeyFile = "moica-demo.key";
    public const string IssuedFolder = "issued";
    public const string CrlFolder = "crl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public sealed record Stored(
        X509Certificate2 Root,
        X509Certificate2 Intermediate,
        DevelopmentPkiSettings Settings,
        IReadOnlyList<RevokedSerial> Revoked,
        IReadOnlyList<string> Issued,
        long NextCrlNumber);

    private sealed record StateDocument(int Format, string MoicaCrlUrl, string RootCrlUrl, string? OcspUrl, long NextCrlNumber);

    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, StateFile));

    public static void SaveAuthorities(string directory, X509Certificate2 root, X509Certificate2 intermediate, DevelopmentPkiSettings settings)
    {
        System.IO.Directory.CreateDirectory(directory);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, IssuedFolder));
        File.WriteAllText(Path.Combine(directory, RootCertificateFile), root.ExportCertificatePem() + "\n");
        WriteKey(Path.Combine(directory, RootKeyFile), root);
        File.WriteAllText(Path.Combine(directory, IntermediateCertificateFile), intermediate.ExportCertificatePem() + "\n");
        WriteKey(Path.Combine(directory, IntermediateKeyFile), intermediate);
        WriteJson(Path.Combine(directory, StateFile), new StateDocument(1, settings.MoicaCrlUrl, settings.RootCrlUrl, settings.OcspUrl, 1));
    }

    public static void SaveState(string directory, IReadOnlyList<RevokedSerial> revoked, long nextCrlNumber)
    {
        var statePath = Path.Combine(directory, StateFile);
        var state = ReadJson<StateDocument>(statePath);
        WriteJson(statePath, state with { NextCrlNumber = nextCrlNumber });
        WriteJson(Path.Combine(directory, RevokedFile), revoked);
    }

    public static void SaveIssued(string directory, string serialHex, X509Certificate2 certificate)
    {
        var folder = Path.Combine(directory, IssuedFolder);
        System.IO.Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, serialHex + ".crt"), certificate.ExportCertificatePem() + "\n");
    }

    public static (string MoicaCrlPath, string RootCrlPath) SaveCrls(string directory, byte[] moicaCrl, byte[] rootCrl)
    {
        var folder = Path.Combine(directory, CrlFolder);
        System.IO.Directory.CreateDirectory(folder);
        var moicaPath = Path.Combine(folder, DevelopmentPkiSettings.MoicaCrlFileName);
        var rootPath = Path.Combine(folder, DevelopmentPkiSettings.RootCrlFileName);
        File.WriteAllBytes(moicaPath, moicaCrl);
        File.WriteAllBytes(rootPath, rootCrl);
        return (moicaPath, rootPath);
    }

    public static Stored Load(string directory)
    {
        if (!Exists(directory))
        {
            throw new PkiException($"'{directory}' holds no development PKI (no {StateFile}); run 'laobao pki init --dir {directory}' first");
        }

        try
        {
            var state = ReadJson<StateDocument>(Path.Combine(directory, StateFile));
            var revokedPath = Path.Combine(directory, RevokedFile);
            var revoked = File.Exists(revokedPath) ? ReadJson<List<RevokedSerial>>(revokedPath) : [];
            var issuedFolder = Path.Combine(directory, IssuedFolder);
            var issued = System.IO.Directory.Exists(issuedFolder)
                ? System.IO.Directory.EnumerateFiles(issuedFolder, "*.crt").Select(p => Path.GetFileNameWithoutExtension(p).ToUpperInvariant()).ToList()
                : [];
            var root = X509Certificate2.CreateFromPemFile(Path.Combine(directory, RootCertificateFile), Path.Combine(directory, RootKeyFile));
            var intermediate = X509Certificate2.CreateFromPemFile(Path.Combine(directory, IntermediateCertificateFile), Path.Combine(directory, IntermediateKeyFile));
            return new Stored(root, intermediate, new DevelopmentPkiSettings(state.MoicaCrlUrl, state.RootCrlUrl, state.OcspUrl), revoked, issued, state.NextCrlNumber);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or CryptographicException)
        {
            throw new PkiException($"the development PKI in '{directory}' cannot be read: {e.Message}", e);
        }
    }

    private static void WriteKey(string path, X509Certificate2 certificate)
    {
        using var key = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("the CA certificate has no RSA private key");
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem() + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static void WriteJson<T>(string path, T value)
    {
        // Write then rename, so an interrupted command never leaves half a state file.
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(value, Json) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    private static T ReadJson<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json) ?? throw new JsonException($"{Path.GetFileName(path)} is empty");
}
