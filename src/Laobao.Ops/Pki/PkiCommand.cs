using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Laobao.Domain.Identity;

namespace Laobao.Ops.Pki;

/// <summary>
/// <c>laobao pki init | issue-card | revoke | crl</c>: the development PKI of SPEC §4.4, kept in a
/// state folder (<c>--dir</c>, default <c>./data/pki</c>). Never for production trust.
/// </summary>
public static class PkiCommand
{
    public const string Usage = "pki init|issue-card|revoke|crl|document-signer [--dir ./data/pki] [options]";
    public const string Summary = "development PKI: demo root → demo MOICA, card certificates, CRLs";
    public const string DefaultDirectory = "data/pki";

    private static readonly HashSet<string> InitOptions = ["dir", "crl-base-url", "crl-url", "root-crl-url", "ocsp-url"];
    private static readonly HashSet<string> IssueOptions =
    [
        "dir", "name", "id", "serial-number", "not-before", "not-after", "key-usage", "policy", "last-four",
        "crl-url", "ocsp-url", "p12", "pin", "module", "token", "label",
    ];

    private static readonly string[] Help =
    [
        "laobao pki — development PKI (demo root → demo MOICA); never for production trust",
        "  pki init [--dir ./data/pki] [--crl-base-url URL] [--crl-url URL] [--root-crl-url URL] [--ocsp-url URL]",
        "  pki issue-card --name NAME --id ID --pin PIN (--p12 FILE | --module PATH --token LABEL [--label LABEL])",
        "                 [--serial-number 16DIGITS] [--not-before DATE] [--not-after DATE] [--key-usage LIST]",
        "                 [--policy OIDS|none] [--last-four XXXX] [--crl-url URL|none] [--ocsp-url URL|none] [--dir …]",
        "  pki revoke SERIAL [--reason keyCompromise] [--at DATE] [--dir …]",
        "  pki crl [--valid-hours 24] [--dir …]",
        "  pki document-signer [--dir ./data/pki/documents] [--password PW] [--organisation NAME]",
        "                 [--module PATH --token LABEL --pin PIN [--label LABEL]]",
        "                 a development document-signing CA and the statements' signing certificate (SPEC §10);",
        "                 with --module and --token the signing key is also put on that PKCS#11 token (e.g. SoftHSM2)",
        "See docs/dev-pki.md.",
    ];

    private static readonly HashSet<string> RevokeOptions = ["dir", "reason", "at"];
    private static readonly HashSet<string> CrlOptions = ["dir", "valid-hours"];
    private static readonly HashSet<string> DocumentSignerOptions = ["dir", "password", "organisation", "module", "token", "pin", "label"];

    /// <summary>The object label of the statements' key and certificate on a token (Statements:Pkcs11KeyLabel).</summary>
    public const string DocumentSignerTokenLabel = "Laobao statements";
    public const string DefaultDocumentDirectory = "data/pki/documents";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(time);
        if (args.Length == 0)
        {
            throw new OpsUsageException("say which: init, issue-card, revoke, crl or document-signer");
        }

        if (args[0] is "-h" or "--help" or "help")
        {
            foreach (var line in Help)
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }

        var rest = args[1..];
        try
        {
            var lines = args[0] switch
            {
                "init" => Init(PkiArguments.Parse(rest, InitOptions), time),
                "issue-card" => IssueCard(PkiArguments.Parse(rest, IssueOptions), time),
                "revoke" => Revoke(PkiArguments.Parse(rest, RevokeOptions), time),
                "crl" => Crl(PkiArguments.Parse(rest, CrlOptions), time),
                "document-signer" => DocumentSigner(PkiArguments.Parse(rest, DocumentSignerOptions), time),
                _ => throw new OpsUsageException($"unknown pki command '{args[0]}' (init, issue-card, revoke, crl, document-signer)"),
            };
            foreach (var line in lines)
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }
        catch (PkiException e)
        {
            await error.WriteLineAsync($"laobao pki {args[0]}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }
    }

    private static List<string> Init(PkiArguments a, TimeProvider time)
    {
        var dir = a.Optional("dir") ?? DefaultDirectory;
        var baseSettings = DevelopmentPkiSettings.ForBaseUrl(Url(a, "crl-base-url") ?? DevelopmentPkiSettings.DefaultBaseUrl);
        var settings = new DevelopmentPkiSettings(
            Url(a, "crl-url") ?? baseSettings.MoicaCrlUrl,
            Url(a, "root-crl-url") ?? baseSettings.RootCrlUrl,
            Url(a, "ocsp-url"));
        using var pki = DevelopmentPki.Init(dir, settings, time);
        var (moicaCrl, rootCrl) = pki.WriteCrls(TimeSpan.FromDays(1));
        return
        [
            $"created a development PKI in {pki.Directory}",
            $"  root          {Path.Combine(pki.Directory!, DevelopmentPkiStore.RootCertificateFile)}  ({pki.Root.Subject})",
            $"  demo MOICA    {Path.Combine(pki.Directory!, DevelopmentPkiStore.IntermediateCertificateFile)}  ({pki.Intermediate.Subject}, another key than the real one)",
            $"  CRLs          {moicaCrl} → {settings.MoicaCrlUrl}",
            $"                {rootCrl} → {settings.RootCrlUrl}",
            "trust it in development only: CardTrust:Roots = root-demo.crt, CardTrust:Intermediates = moica-demo.crt",
        ];
    }

    private static List<string> DocumentSigner(PkiArguments a, TimeProvider time)
    {
        var dir = a.Optional("dir") ?? DefaultDocumentDirectory;
        if (File.Exists(Path.Combine(dir, DocumentSigningPki.SignerPkcs12File)))
        {
            throw new PkiException($"'{dir}' already holds a document signer; use another --dir or delete it first");
        }

        var module = a.Optional("module");
        var token = a.Optional("token");
        var pin = a.Optional("pin");
        if ((module is null) != (token is null) || (module is not null && pin is null))
        {
            throw new OpsUsageException("a token needs --module PATH, --token LABEL and --pin PIN together");
        }

        var password = a.Optional("password") ?? "laobao-dev";
        using var pki = DocumentSigningPki.Create(time, a.Optional("organisation") ?? "Laobao development");
        var label = a.Optional("label") ?? DocumentSignerTokenLabel;
        if (module is not null)
        {
            // The same layout as a card: a non-extractable key, its public key and certificate under one CKA_ID, the CA beside them.
            CardTokenWriter.Write(new TokenTarget(module, token!, pin!), pki.Signer, pki.Ca, label);
        }

        var files = pki.WriteTo(dir, password);
        List<string> lines =
        [
            $"created a development document-signing CA and signer in {Path.GetFullPath(dir)}",
            $"  CA        {files[0]}  ({pki.Ca.Subject})",
            $"  signer    {files[1]}  ({pki.Signer.Subject})",
            $"  PKCS#12   {files[2]}  (signer key + chain)",
            $"configure: Statements:SigningCertificate = {files[2]}, Statements:SigningCertificatePassword = {password}, Statements:CaCertificate = {files[0]}",
        ];
        if (module is not null)
        {
            lines.Add($"  token     '{token}' through {module} (key, public key and certificate labelled '{label}', the CA beside them)");
            lines.Add($"or, with the key on the token: Statements:Pkcs11Module = {module}, Statements:Pkcs11Token = {token}, Statements:Pkcs11Pin = (its PIN), Statements:Pkcs11KeyLabel = {label}, Statements:CaCertificate = {files[0]}");
        }

        return lines;
    }

    private static List<string> IssueCard(PkiArguments a, TimeProvider time)
    {
        var dir = a.Optional("dir") ?? DefaultDirectory;
        var name = a.Required("name").Trim();
        if (name.Length > 64)
        {
            throw new PkiException("--name is longer than 64 characters (the limit of a certificate's common name)");
        }

        if (!TaiwanId.TryParse(a.Required("id"), out var id, out var idError))
        {
            throw new PkiException($"--id is not an ID or ARC number: {idError.Message}");
        }

        var pin = a.Required("pin");
        if (pin.Length is < 6 or > 8 || !pin.All(char.IsAsciiLetterOrDigit))
        {
            throw new PkiException("--pin must be 6 to 8 letters and digits, like a MOICA card PIN");
        }

        var p12 = a.Optional("p12");
        var module = a.Optional("module");
        var token = a.Optional("token");
        if ((p12 is null) == (module is null && token is null))
        {
            throw new OpsUsageException("give either --p12 FILE or --module PATH --token LABEL");
        }

        if (p12 is null && (module is null || token is null))
        {
            throw new OpsUsageException("a token needs both --module PATH and --token LABEL");
        }

        var serialNumber = a.Optional("serial-number");
        if (serialNumber is not null && (serialNumber.Length != 16 || !serialNumber.All(char.IsAsciiDigit)))
        {
            throw new PkiException("--serial-number must be 16 digits");
        }

        var lastFour = a.Optional("last-four");
        var request = new CardCertificateRequest(name, id.Value)
        {
            SubjectSerialNumber = serialNumber,
            NotBefore = a.Date("not-before"),
            NotAfter = a.Date("not-after"),
            KeyUsage = KeyUsage(a.Optional("key-usage")),
            Policies = Policies(a.Optional("policy")),
            LastFour = lastFour ?? id.LastFour,
            CrlUrl = NoneOr(a, "crl-url"),
            OcspUrl = NoneOr(a, "ocsp-url"),
        };
        var label = a.Optional("label") ?? CardTokenWriter.DefaultObjectLabel;

        using var pki = DevelopmentPki.Load(dir, time);
        using var card = pki.IssueCard(request);
        string written;
        if (p12 is not null)
        {
            File.WriteAllBytes(p12, CardPkcs12.Export(card, pin, pki.Intermediate));
            written = $"{Path.GetFullPath(p12)} (PKCS#12; its password is the PIN)";
        }
        else
        {
            CardTokenWriter.Write(new TokenTarget(module!, token!, pin), card, pki.Intermediate, label);
            written = $"token '{token}' through {module} (key, public key and certificate labelled '{label}')";
        }

        return
        [
            $"issued card certificate {card.SerialNumber}",
            $"  subject   {card.Subject}",
            $"  id        {id.Masked} (last four in the certificate: {request.LastFour})",
            string.Create(CultureInfo.InvariantCulture, $"  valid     {card.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm}Z .. {card.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm}Z"),
            $"  written   {written}",
        ];
    }

    private static List<string> Revoke(PkiArguments a, TimeProvider time)
    {
        var dir = a.Optional("dir") ?? DefaultDirectory;
        if (a.Positional.Count != 1)
        {
            throw new OpsUsageException("give the serial number to revoke (hex, as 'issue-card' printed it)");
        }

        var reasonText = a.Optional("reason");
        var reason = X509RevocationReason.KeyCompromise;
        if (reasonText is not null && !Enum.TryParse(reasonText, ignoreCase: true, out reason))
        {
            throw new PkiException($"--reason '{reasonText}' is not one of {string.Join(", ", Enum.GetNames<X509RevocationReason>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}");
        }

        using var pki = DevelopmentPki.Load(dir, time);
        var entry = pki.Revoke(a.Positional[0], reason, a.Date("at"));
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"revoked {entry.Serial} at {entry.RevokedAt:yyyy-MM-dd HH:mm:ss}Z ({entry.Reason})"),
            "run 'laobao pki crl' to publish it",
        ];
    }

    private static List<string> Crl(PkiArguments a, TimeProvider time)
    {
        var dir = a.Optional("dir") ?? DefaultDirectory;
        var hoursText = a.Optional("valid-hours") ?? "24";
        if (!int.TryParse(hoursText, NumberStyles.None, CultureInfo.InvariantCulture, out var hours) || hours is < 1 or > 24 * 366)
        {
            throw new PkiException($"--valid-hours '{hoursText}' must be a whole number of hours from 1 to 8784");
        }

        using var pki = DevelopmentPki.Load(dir, time);
        var (moica, root) = pki.WriteCrls(TimeSpan.FromHours(hours));
        var now = time.GetUtcNow();
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"wrote {moica} ({pki.Revoked.Count} revoked) and {root}"),
            string.Create(CultureInfo.InvariantCulture, $"  this update {now:yyyy-MM-dd HH:mm:ss}Z, next update {now.AddHours(hours):yyyy-MM-dd HH:mm:ss}Z"),
            $"  serve them at {pki.Settings.MoicaCrlUrl} and {pki.Settings.RootCrlUrl}",
        ];
    }

    private static X509KeyUsageFlags KeyUsage(string? text)
    {
        if (text is null)
        {
            return X509KeyUsageFlags.DigitalSignature;
        }

        var flags = X509KeyUsageFlags.None;
        foreach (var word in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            flags |= word.ToUpperInvariant() switch
            {
                "DIGITALSIGNATURE" => X509KeyUsageFlags.DigitalSignature,
                "NONREPUDIATION" => X509KeyUsageFlags.NonRepudiation,
                "KEYENCIPHERMENT" => X509KeyUsageFlags.KeyEncipherment,
                "DATAENCIPHERMENT" => X509KeyUsageFlags.DataEncipherment,
                "KEYAGREEMENT" => X509KeyUsageFlags.KeyAgreement,
                "KEYCERTSIGN" => X509KeyUsageFlags.KeyCertSign,
                "CRLSIGN" => X509KeyUsageFlags.CrlSign,
                _ => throw new PkiException($"--key-usage '{word}' is not a key usage (digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, keyCertSign, cRLSign)"),
            };
        }

        return flags == X509KeyUsageFlags.None ? throw new PkiException("--key-usage names no usage") : flags;
    }

    private static string[] Policies(string? text)
    {
        if (text is null)
        {
            return [MoicaProfile.CitizenPolicyOid];
        }

        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var oids = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var oid in oids)
        {
            var parts = oid.Split('.');
            if (parts.Length < 2 || !parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
            {
                throw new PkiException($"--policy '{oid}' is not an OID (e.g. {MoicaProfile.CitizenPolicyOid}) or 'none'");
            }
        }

        return oids;
    }

    private static string? NoneOr(PkiArguments a, string name)
    {
        var text = a.Optional(name);
        return text is not null && text.Equals("none", StringComparison.OrdinalIgnoreCase) ? string.Empty : Url(text, name);
    }

    private static string? Url(PkiArguments a, string name) => Url(a.Optional(name), name);

    private static string? Url(string? text, string name)
    {
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? text
            : throw new PkiException($"--{name} '{text}' is not an http(s) URL");
    }
}
