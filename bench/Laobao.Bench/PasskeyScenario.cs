using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Laobao.Client;
using Laobao.Domain.Dates;
using Laobao.Ops.Pki;
using Laobao.Tests.Passkeys;
using Laobao.Tests.Shared;
using Laobao.Web.Data;
using Laobao.Web.Features.CardLogin;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Features.Passkeys;
using Laobao.Web.Security.DeviceKeys;
using Laobao.Web.Security.Passwords;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Bench;

/// <summary>
/// Sign-ins per second per core through HTTP, three ways in one run against one web host (its own process): a passkey
/// (WebAuthn assertion verified by the Fido2 library, SPEC §11), the card (CMS signature, chain and CRL, SPEC §4) and
/// the app's password (Argon2id + device signature, SPEC §7). Each sign-in is the whole exchange a front end makes:
/// passkey and card open the login page for the antiforgery token, ask for a challenge and post the answer; the app
/// asks for a nonce and posts. The load generator (this process) makes the assertions with software P-256 keys
/// registered as credentials, and the card signatures with development-PKI cards.
/// </summary>
internal static partial class PasskeyScenario
{
    private const string Origin = "https://desk.bench.invalid";
    private const string RpId = "desk.bench.invalid";
    private const string Password = "benchmark passphrase 勞保 2026";

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = BenchOptions.Provider(args);
        var connection = BenchOptions.Get(args, "--connection") ?? throw new ArgumentException("--connection CONNECTION is needed");
        var web = BenchOptions.Get(args, "--web") ?? throw new ArgumentException("--web PATH/Laobao.Web.dll is needed (dotnet build -c Release src/Laobao.Web)");
        var clients = BenchOptions.GetInt(args, "--clients", 8);
        var seconds = BenchOptions.GetInt(args, "--seconds", 20);
        var warmUpSeconds = BenchOptions.GetInt(args, "--warm-up", 5);
        var phases = (BenchOptions.Get(args, "--phases") ?? "passkey,card,password").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var settings = new DatabaseSettings(provider, connection);
        Console.WriteLine($"machine: {BenchOptions.Machine()}");
        await using (var db = settings.CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        await using var crls = new LoopbackCrlServer();
        using var pki = DevelopmentPki.Create(DevelopmentPkiSettings.ForBaseUrl(crls.BaseUrl), TimeProvider.System);
        var from = DateTimeOffset.UtcNow.AddMinutes(-5);
        crls.Publish(DevelopmentPkiSettings.MoicaCrlFileName, pki.CreateMoicaCrl(from, from.AddDays(1)));
        crls.Publish(DevelopmentPkiSettings.RootCrlFileName, pki.CreateRootCrl(from, from.AddDays(1)));
        var trust = Directory.CreateTempSubdirectory("laobao-bench-trust-").FullName;
        File.WriteAllText(Path.Combine(trust, "root.pem"), pki.Root.ExportCertificatePem());
        File.WriteAllBytes(Path.Combine(trust, "moica.cer"), pki.Intermediate.Export(X509ContentType.Cert));

        var people = await PrepareAsync(settings, pki, clients);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{provider}, {people.Count} persons with a passkey, a card and an app account, {clients} concurrent clients, {seconds} s per phase"));

        var port = FreePort();
        using var host = StartServer(web, port, settings, trust);
        using var stop = new KillOnDispose(host);
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = clients * 2 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        await WaitForAsync(http);

        var warmUp = TimeSpan.FromSeconds(warmUpSeconds);
        var duration = TimeSpan.FromSeconds(seconds);
        var results = new List<LoadResult>();
        foreach (var phase in phases)
        {
            var result = phase switch
            {
                "passkey" => await ApiLoad.RunAsync("passkey sign-in (login page + options + assertion)", host, clients, warmUp, duration, (client, _) => PasskeySignInAsync(http, people[client])),
                "card" => await ApiLoad.RunAsync("card sign-in (login page + challenge + CMS signature)", host, clients, warmUp, duration, (client, _) => CardSignInAsync(http, people[client])),
                "password" => await ApiLoad.RunAsync("app password sign-in (nonce + Argon2id + device signature)", host, clients, warmUp, duration, (client, _) => PasswordSignInAsync(http, people[client])),
                _ => throw new ArgumentException($"--phases: unknown phase '{phase}' (passkey, card, password)"),
            };
            Console.WriteLine(result.Row());
            results.Add(result);
        }

        Console.WriteLine();
        Console.WriteLine(LoadResult.Header);
        foreach (var result in results)
        {
            Console.WriteLine(result.Row());
        }

        foreach (var result in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Name}: {result.PerSecond:F1}/s on {Environment.ProcessorCount} cores = {result.PerSecond / Environment.ProcessorCount:F1}/s per core; {result.PerServerCoreSecond:F1} per second of web-host CPU time"));
        }

        if (results.Find(r => r.Name.StartsWith("passkey", StringComparison.Ordinal)) is { } passkey)
        {
            foreach (var other in results.Where(r => r != passkey))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"passkey / {other.Name.Split(' ')[0]}: {passkey.PerServerCoreSecond / other.PerServerCoreSecond:F2}x sign-ins per web-host core-second"));
            }
        }

        Directory.Delete(trust, recursive: true);
        return results.Sum(r => r.Errors) == 0 ? 0 : 1;
    }

    private sealed record BenchPerson(string IdNumber, string BirthDate, X509Certificate2 Card, SoftwareAuthenticator Passkey, string Email, Guid DeviceId, ECDsa DeviceKey);

    /// <summary>One person per client: a passkey credential, a card, and an active app account with a linked device.</summary>
    private static async Task<List<BenchPerson>> PrepareAsync(DatabaseSettings settings, DevelopmentPki pki, int count)
    {
        var watch = Stopwatch.StartNew();
        await using var db = settings.CreateContext();
        var chosen = await db.Persons.AsNoTracking().OrderBy(p => p.IdNumber).Take(count)
            .Select(p => new { p.IdNumber, p.Name, p.BirthDate }).ToListAsync();
        if (chosen.Count < count)
        {
            throw new InvalidOperationException($"the store has {chosen.Count} persons; {count} are needed (import some first)");
        }

        var ids = chosen.Select(p => p.IdNumber).ToList();
        await db.Set<PasskeyCredential>().Where(p => ids.Contains(p.PersonIdNumber)).ExecuteDeleteAsync();
        await db.Set<LinkedDevice>().Where(d => ids.Contains(d.PersonIdNumber)).ExecuteDeleteAsync();
        await db.Set<MobileAccount>().Where(a => a.Email.EndsWith("@passkey-bench.invalid") || ids.Contains(a.PersonIdNumber)).ExecuteDeleteAsync();
        var hash = new PasswordHasher(Options.Create(new PasswordHashingOptions())).Hash(Password);
        var now = DateTime.UtcNow;
        var people = new List<BenchPerson>();
        for (var i = 0; i < chosen.Count; i++)
        {
            var person = chosen[i];
            var passkey = new SoftwareAuthenticator();
            var userHandle = RandomNumberGenerator.GetBytes(32);
            passkey.Register(new JsonObject
            {
                ["challenge"] = "AAAA",
                ["rp"] = new JsonObject { ["id"] = RpId },
                ["user"] = new JsonObject { ["id"] = SoftwareAuthenticator.ToBase64Url(userHandle) },
            }, Origin);
            db.Set<PasskeyCredential>().Add(new PasskeyCredential
            {
                Id = Guid.NewGuid(), PersonIdNumber = person.IdNumber, CredentialId = passkey.CredentialId, PublicKey = passkey.CosePublicKey(),
                UserHandle = userHandle, AttestationFormat = "none", Name = "bench", Kind = PasskeyKinds.Desk, CreatedAt = now,
            });
            var deviceKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var device = new LinkedDevice { Id = Guid.NewGuid(), PersonIdNumber = person.IdNumber, PublicKeySpki = deviceKey.ExportSubjectPublicKeyInfo(), Name = "bench", Platform = "bench", LinkedAt = now };
            db.Set<LinkedDevice>().Add(device);
            var email = $"p{i}@passkey-bench.invalid";
            db.Set<MobileAccount>().Add(new MobileAccount
            {
                Id = Guid.NewGuid(), PersonIdNumber = person.IdNumber, Email = email, PasswordHash = hash, Status = MobileAccountStatus.Active,
                TermsVersion = "bench", TermsAcceptedAt = now, CreatedAt = now, ActivatedAt = now, ApplicationText = "bench", ApplicationSignature = "bench",
            });
            var card = pki.IssueCard(new CardCertificateRequest(person.Name, person.IdNumber));
            people.Add(new BenchPerson(person.IdNumber, RocDate.ToCompact(person.BirthDate), card, passkey, email, device.Id, deviceKey));
        }

        await db.SaveChangesAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prepared {people.Count} persons in {watch.Elapsed.TotalSeconds:F1} s"));
        return people;
    }

    /// <summary>A fresh browser each time: the login page gives the antiforgery cookie and token; the options call the binding cookie.</summary>
    private static async Task<(Dictionary<string, string> Cookies, string Token)> OpenLoginPageAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("desk/login", UriKind.Relative));
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        Keep(response, cookies);
        var html = await response.Content.ReadAsStringAsync();
        return (cookies, WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value));
    }

    private static async Task<bool> PasskeySignInAsync(HttpClient http, BenchPerson person)
    {
        var (cookies, token) = await OpenLoginPageAsync(http);
        using var options = await PostAsync(http, PasskeysDeskApi.SignInOptionsPath, "{}", cookies, token);
        if (!options.IsSuccessStatusCode)
        {
            return false;
        }

        var start = JsonNode.Parse(await options.Content.ReadAsStringAsync())!;
        var credential = person.Passkey.Assert(start["options"]!, Origin, RpId);
        var body = new JsonObject { ["ceremonyId"] = start["ceremonyId"]!.GetValue<string>(), ["credential"] = credential };
        using var login = await PostAsync(http, PasskeysDeskApi.SignInPath, body.ToJsonString(), cookies, token);
        return login.IsSuccessStatusCode;
    }

    private static async Task<bool> CardSignInAsync(HttpClient http, BenchPerson person)
    {
        var (cookies, token) = await OpenLoginPageAsync(http);
        using var challenge = await PostAsync(http, CardLoginApi.ChallengePath, $"{{\"idNumber\":\"{person.IdNumber}\"}}", cookies, token);
        if (!challenge.IsSuccessStatusCode)
        {
            return false;
        }

        var tbs = (await challenge.Content.ReadFromJsonAsync<ChallengeResponse>())!.Tbs;
        var cms = new SignedCms(new ContentInfo(Encoding.UTF8.GetBytes(tbs)), detached: false);
        cms.ComputeSignature(new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, person.Card) { DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), IncludeOption = X509IncludeOption.EndCertOnly }, silent: true);
        var body = new JsonObject { ["idNumber"] = person.IdNumber, ["birthDate"] = person.BirthDate, ["signature"] = Convert.ToBase64String(cms.Encode()) };
        using var login = await PostAsync(http, CardLoginApi.LoginPath, body.ToJsonString(), cookies, token);
        return login.IsSuccessStatusCode;
    }

    private static async Task<bool> PasswordSignInAsync(HttpClient http, BenchPerson person)
    {
        var client = new LaobaoApiClient(http);
        var challenge = await client.ChallengeAsync(person.DeviceId);
        var signature = DeviceProof.ToBase64Url(person.DeviceKey.SignData(DeviceProof.Utf8(DeviceProof.LoginText(challenge.Nonce, person.DeviceId)), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        try
        {
            await client.SignInAsync(new SignInRequest(person.Email, Password, person.DeviceId, challenge.Nonce, signature));
            return true;
        }
        catch (LaobaoApiException)
        {
            return false;
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string json, Dictionary<string, string> cookies, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path.TrimStart('/'), UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value)));
        var response = await http.SendAsync(request);
        Keep(response, cookies);
        return response;
    }

    /// <summary>Cookies by hand: the __Host- cookies are Secure, which a cookie container would not send over loopback http.</summary>
    private static void Keep(HttpResponseMessage response, Dictionary<string, string> cookies)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        foreach (var value in values)
        {
            var pair = value.Split(';', 2)[0];
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at > 0)
            {
                cookies[pair[..at]] = pair[(at + 1)..];
            }
        }
    }

    private static Process StartServer(string web, int port, DatabaseSettings settings, string trust)
    {
        var start = new ProcessStartInfo("dotnet", [Path.GetFullPath(web), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(web))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_gcServer"] = "1";
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        // Testing, not Production: Production insists on the operator's Data Protection certificate and real trust anchors.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Database__Provider"] = settings.Provider.ToString();
        start.Environment["ConnectionStrings__Laobao"] = settings.ConnectionString;
        start.Environment["Database__MigrateOnStart"] = "false";
        start.Environment["Desk__Origin"] = Origin;
        start.Environment["Mail__LocalMailbox"] = "true";
        start.Environment["CardTrust__Roots__0"] = Path.Combine(trust, "root.pem");
        start.Environment["CardTrust__Intermediates__0"] = Path.Combine(trust, "moica.cer");
        start.Environment["CardTrust__Policies__0"] = "2.16.886.101.0.3.3";
        start.Environment["CardTrust__FailClosed"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the web host");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("web: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForAsync(HttpClient http)
    {
        for (var i = 0; i < 120; i++)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("healthz/live", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException("the web host did not answer within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class KillOnDispose(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
