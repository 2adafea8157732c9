using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Laobao.Domain.Dates;
using Laobao.Ops.Pki;
using Laobao.Web.Data;
using Laobao.Web.Security.Cards;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Laobao.Bench;

/// <summary>
/// Card sign-in through HTTP (SPEC §4): per sign-in a challenge (POST /desk/api/card-login/challenge), a CMS
/// SignedData made with the card's key over the text the server asked for, and POST /desk/api/card-login, which
/// verifies the signature, the chain to the configured (development) trust, the card's revocation status in the MOICA
/// CRL, the identity binding (ID number's last four, birth date against the registry) and starts the desk session.
/// Beside it, in the same run, the in-process ceiling: the same verification alone (CMS decode and signature,
/// <see cref="CardCertificateValidator"/> with its CRL lookup, the last-four check) back to back on one thread.
/// Run once with a small CRL and once with one of <c>--revoked</c> serials (100,000: the size of the real MOICA G3 CRL).
/// With <c>--crl-expiry S</c> the MOICA CRL's next update is S seconds after the round starts, and a fresh CRL is served
/// from then on: the output shows the sign-ins' latencies in the seconds around that moment and how often the CRL was fetched.
/// </summary>
internal static partial class CardSignInScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var provider = BenchOptions.Provider(args);
        var connection = BenchOptions.Get(args, "--connection") ?? throw new ArgumentException("--connection CONNECTION is needed");
        var web = Path.GetFullPath(BenchOptions.Get(args, "--web") ?? throw new ArgumentException("--web PATH/Laobao.Web.dll is needed"));
        var clients = BenchOptions.GetInt(args, "--clients", 8);
        var seconds = BenchOptions.GetInt(args, "--seconds", 20);
        var prewarmSeconds = BenchOptions.GetInt(args, "--prewarm", 60);
        var crlExpiry = BenchOptions.GetInt(args, "--crl-expiry", 0);
        var sizes = (BenchOptions.Get(args, "--revoked") ?? "0,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var settings = new DatabaseSettings(provider, connection);
        using var pinning = Pinning.FromArgs(args);
        Console.WriteLine($"command: {Environment.CommandLine}");
        Console.WriteLine($"started {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC; machine: {BenchOptions.Machine()}");
        Console.WriteLine($"web host: {web} ({(MobileApiScenario.IsReadyToRun(web) ? "ReadyToRun" : "IL only")})");
        // The host starts with migrations off and is not ready on a store that lacks one (a copy of an older store).
        await using (var db = settings.CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        var persons = await PersonsAsync(settings, clients * 4);
        if (pinning is not null)
        {
            await pinning.ApplyAsync(provider == DatabaseProvider.Postgres ? connection : null);
        }

        Console.WriteLine(pinning?.Description ?? "not pinned (--pin 0:1 to pin)");
        await using var crls = await CrlServer.StartAsync();
        var rows = new List<string>();
        for (var round = 0; round < sizes.Count; round++)
        {
            rows.Add(await RoundAsync(round, sizes[round], settings, web, persons, clients, seconds, prewarmSeconds, crlExpiry, crls, pinning));
        }

        Console.WriteLine();
        Console.WriteLine($"== card sign-in, {provider}; {(pinning is null ? "not pinned" : pinning.Description)}; load average at the end {BenchOptions.LoadAverage()}");
        Console.WriteLine("| revoked serials in the MOICA CRL | CRL size | sign-ins/s through HTTP | web-host CPU ms per sign-in | sign-ins per web-host CPU second (per core) | in-process ceiling, verifications per CPU second | HTTP / ceiling (goal ≥ 15 %) | p50 / p99 ms | CRL fetches |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        return 0;
    }

    private static async Task<string> RoundAsync(
        int round, int revoked, DatabaseSettings settings, string web, List<(string Id, string Name, DateOnly Birth)> persons, int clients,
        int seconds, int prewarmSeconds, int crlExpiry, CrlServer crls, Pinning? pinning)
    {
        // A new PKI per round, its CRLs under their own URL (each round starts a new web host with an empty CRL cache).
        var prefix = string.Create(CultureInfo.InvariantCulture, $"r{round}-{Environment.ProcessId}");
        using var pki = DevelopmentPki.Create(DevelopmentPkiSettings.ForBaseUrl($"{crls.BaseUrl}{prefix}/"), TimeProvider.System);
        var cards = persons.Select(p => pki.IssueCard(new CardCertificateRequest(p.Name, p.Id))).ToList();
        var now = DateTimeOffset.UtcNow;
        var firstUntil = crlExpiry > 0 ? now.AddSeconds(crlExpiry) : now.AddDays(1);
        var moica = MoicaCrl(pki, revoked, now.AddMinutes(-5), firstUntil, 1);
        crls.Publish($"{prefix}/{DevelopmentPkiSettings.MoicaCrlFileName}", moica);
        if (crlExpiry > 0)
        {
            // The successor, served only from the moment the first expires (a CA that publishes at the last moment): the
            // web host's CRL cache cannot have it before, so the sign-ins right after that moment wait for one fetch.
            crls.PublishFrom($"{prefix}/{DevelopmentPkiSettings.MoicaCrlFileName}", MoicaCrl(pki, revoked, firstUntil.AddMinutes(-1), firstUntil.AddDays(1), 2), firstUntil);
        }

        crls.Publish($"{prefix}/{DevelopmentPkiSettings.RootCrlFileName}", pki.CreateRootCrl(now.AddMinutes(-5), now.AddDays(1)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {round}: {revoked:N0} revoked serials, MOICA CRL {moica.Length / 1024.0:N0} KiB, next update {(crlExpiry > 0 ? $"in {crlExpiry} s" : "in a day")}; {cards.Count} cards"));

        var folder = Directory.CreateTempSubdirectory("laobao-bench-cards-").FullName;
        var rootFile = Path.Combine(folder, "root.pem");
        var intermediateFile = Path.Combine(folder, "moica.pem");
        await File.WriteAllTextAsync(rootFile, pki.Root.ExportCertificatePem());
        await File.WriteAllTextAsync(intermediateFile, pki.Intermediate.ExportCertificatePem());

        // The in-process ceiling, measured first, with a CRL cache of its own (filled by its first verification, as a running node has it).
        var ceiling = await CeilingAsync(rootFile, intermediateFile, cards, persons, TimeSpan.FromSeconds(Math.Min(seconds, 10)));

        var port = MobileApiScenario.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["CardTrust__Roots__0"] = rootFile,
            ["CardTrust__Intermediates__0"] = intermediateFile,
            // The bench's PKI is the development one (laobao pki), which Production refuses unless told otherwise.
            ["CardTrust__AllowDevelopmentRoots"] = "true",
            // Every sign-in here succeeds; the limits only count failures, but a bench must never trip them.
            ["SignInLimits__PerIdNumber"] = "1000000",
            ["SignInLimits__PerClientAddress"] = "1000000",
            // As behind the reference deployment's balancer, which ends TLS: the desk's cookies and antiforgery insist on
            // HTTPS, and the bench speaks plain HTTP on loopback as the balancer does, saying X-Forwarded-Proto: https.
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
        };
        using var host = MobileApiScenario.StartServer("web", "dotnet", [web, "--urls", $"http://127.0.0.1:{port}"], Path.GetDirectoryName(web)!, settings, serverGc: true, pinning, environment);
        using var stop = new MobileApiScenario.KillOnDispose(host);
        Console.WriteLine($"web host pid {host.Id}");
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        await MobileApiScenario.WaitForAsync(probe, new Uri("healthz", UriKind.Relative));
        var browsers = new Browser[clients];
        for (var i = 0; i < clients; i++)
        {
            browsers[i] = await Browser.OpenAsync(new Uri($"http://127.0.0.1:{port}/"));
        }

        Func<int, Random, Task<bool>> signIn = (client, random) =>
        {
            var k = client + (clients * random.Next(4));
            return browsers[client].SignInAsync(persons[k].Id, persons[k].Birth, cards[k]);
        };
        var warm = await ApiLoad.PrewarmAsync("prewarm card sign-in", host, clients, TimeSpan.FromSeconds(Math.Min(20, prewarmSeconds)), TimeSpan.FromSeconds(prewarmSeconds), TimeSpan.FromSeconds(5), signIn);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prewarmed: {warm.Requests:N0} sign-ins in {warm.Seconds:F0} s ({(warm.Settled ? "settled" : "not settled")})"));
        if (crlExpiry > 0)
        {
            // Centre the measured run on the moment the first CRL expires: wait (idle) until it is half a run away.
            var wait = firstUntil - DateTimeOffset.UtcNow - TimeSpan.FromSeconds(2 + (seconds / 2.0));
            Console.WriteLine(wait > TimeSpan.Zero
                ? string.Create(CultureInfo.InvariantCulture, $"waiting {wait.TotalSeconds:F0} s so that the CRL expires in the middle of the measured run ({crls.Fetches} CRL fetches so far)")
                : "WARNING: the first CRL expires before the middle of the measured run: raise --crl-expiry");
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        var fetchesBefore = crls.Fetches;
        var timeline = new ConcurrentQueue<(double At, double Ms)>();
        var started = Stopwatch.GetTimestamp();
        var result = await ApiLoad.RunAsync($"card sign-in through HTTP, {clients} clients", host, clients, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds), async (client, random) =>
        {
            var at = Stopwatch.GetTimestamp();
            var ok = await signIn(client, random);
            timeline.Enqueue((Stopwatch.GetElapsedTime(started).TotalSeconds, Stopwatch.GetElapsedTime(at).TotalMilliseconds));
            return ok;
        });
        var fetches = crls.Fetches - fetchesBefore;
        Console.WriteLine(result.Row());
        if (crlExpiry > 0)
        {
            var expiresAt = (firstUntil - DateTimeOffset.UtcNow).TotalSeconds + Stopwatch.GetElapsedTime(started).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the first MOICA CRL expired {expiresAt:F1} s into the run; sign-ins per second and their slowest, second by second:"));
            foreach (var second in timeline.GroupBy(t => (int)t.At).OrderBy(g => g.Key))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {second.Key,3} s: {second.Count(),5} sign-ins, max {second.Max(t => t.Ms),8:F1} ms{(second.Key == (int)expiresAt ? "   <- CRL expired" : "")}"));
            }
        }

        foreach (var browser in browsers)
        {
            browser.Dispose();
        }

        Directory.Delete(folder, recursive: true);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {revoked:N0} | {moica.Length / 1024.0:N0} KiB | {result.PerSecond:N1} | {result.ServerCpuMsPerRequest:F2} | **{result.PerServerCoreSecond:N0}** | {ceiling:N0} | **{result.PerServerCoreSecond / ceiling:P0}** | {result.Percentile(0.5):F1} / {result.Percentile(0.99):F1} | {fetches} |");
    }

    /// <summary>Verifications per CPU second of the card checks alone, in this process, one after another.</summary>
    private static async Task<double> CeilingAsync(string rootFile, string intermediateFile, List<X509Certificate2> cards, List<(string Id, string Name, DateOnly Birth)> persons, TimeSpan duration)
    {
        var options = Options.Create(new CardTrustOptions { Roots = [rootFile], Intermediates = [intermediateFile], Policies = ["2.16.886.101.0.3.3"], FailClosed = true });
        using var anchors = new CardTrustAnchors(options, new BenchEnvironment());
        using var crls = new CrlCache(options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<CrlCache>.Instance);
        var validator = new CardCertificateValidator(anchors, new OcspClient(TimeProvider.System), crls, TimeProvider.System);
        var signatures = cards.Select((card, i) => Sign(card, $"bench text {i}")).ToList();
        for (var i = 0; i < 20; i++)
        {
            await VerifyAsync(validator, signatures[i % signatures.Count], persons[i % persons.Count].Id);
        }

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var cpuBefore = self.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var count = 0;
        while (watch.Elapsed < duration)
        {
            if (!await VerifyAsync(validator, signatures[count % signatures.Count], persons[count % persons.Count].Id))
            {
                throw new InvalidOperationException("an in-process verification failed: the bench PKI or CRL is not what the validator accepts");
            }

            count++;
        }

        self.Refresh();
        var cpu = (self.TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"in-process ceiling: {count:N0} verifications in {watch.Elapsed.TotalSeconds:F1} s, {cpu * 1000 / count:F2} ms CPU each = {count / cpu:N0} per CPU second"));
        return count / cpu;
    }

    private static async Task<bool> VerifyAsync(CardCertificateValidator validator, string signatureBase64, string idNumber)
    {
        var cms = new SignedCms();
        cms.Decode(Convert.FromBase64String(signatureBase64));
        var signer = cms.SignerInfos[0];
        signer.CheckSignature(verifySignatureOnly: true);
        var certificate = signer.Certificate!;
        return await validator.ValidateAsync(certificate, CancellationToken.None) is null
            && MoicaProfile.ReadLastFour(certificate) == idNumber[^4..];
    }

    private static string Sign(X509Certificate2 card, string text)
    {
        var cms = new SignedCms(new ContentInfo(Encoding.UTF8.GetBytes(text)), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, card)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        cms.ComputeSignature(signer, silent: true);
        return Convert.ToBase64String(cms.Encode());
    }

    /// <summary>The demo MOICA's CRL listing <paramref name="count"/> random 16-byte serials (none of them a bench card's).</summary>
    private static byte[] MoicaCrl(DevelopmentPki pki, int count, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate, long number)
    {
        var builder = new CertificateRevocationListBuilder();
        var random = new Random(20261207);
        var serial = new byte[16];
        var at = thisUpdate.AddDays(-30);
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(serial);
            serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
            builder.AddEntry(serial, at, X509RevocationReason.KeyCompromise);
        }

        return builder.Build(pki.Intermediate, new BigInteger(number), nextUpdate, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, thisUpdate);
    }

    private static async Task<List<(string Id, string Name, DateOnly Birth)>> PersonsAsync(DatabaseSettings settings, int count)
    {
        await using var db = settings.CreateContext();
        var total = await db.Persons.CountAsync();
        var step = Math.Max(1, total / count);
        var all = await db.Persons.AsNoTracking().OrderBy(p => p.IdNumber).Select(p => new { p.IdNumber, p.Name, p.BirthDate }).ToListAsync();
        return all.Where((_, i) => i % step == 0).Take(count).Select(p => (p.IdNumber, p.Name, p.BirthDate)).ToList();
    }

    private sealed class BenchEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "Laobao.Bench";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    /// <summary>Serves the CRLs on loopback and counts how often they were fetched.</summary>
    private sealed class CrlServer : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, byte[]> files = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, (byte[] Crl, DateTimeOffset From)> successors = new(StringComparer.Ordinal);
        private WebApplication? app;
        private long fetches;

        public string BaseUrl { get; private set; } = "";

        public long Fetches => Interlocked.Read(ref fetches);

        public static async Task<CrlServer> StartAsync()
        {
            var server = new CrlServer();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            var port = MobileApiScenario.FreePort();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            server.app = builder.Build();
            server.app.MapGet("/crl/{prefix}/{name}", (string prefix, string name) =>
            {
                Interlocked.Increment(ref server.fetches);
                var key = $"{prefix}/{name}";
                if (server.successors.TryGetValue(key, out var next) && DateTimeOffset.UtcNow >= next.From)
                {
                    return Results.Bytes(next.Crl, "application/pkix-crl");
                }

                return server.files.TryGetValue(key, out var bytes) ? Results.Bytes(bytes, "application/pkix-crl") : Results.NotFound();
            });
            await server.app.StartAsync();
            server.BaseUrl = $"http://127.0.0.1:{port}/crl/";
            return server;
        }

        public void Publish(string name, byte[] crl) => files[name] = crl;

        public void PublishFrom(string name, byte[] crl, DateTimeOffset from) => successors[name] = (crl, from);

        public async ValueTask DisposeAsync()
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// One browser: its antiforgery token and cookies (kept by hand: the desk's cookies are Secure and this is plain
    /// HTTP on loopback), signing in again and again. The session cookie a sign-in sets is not kept, so every sign-in
    /// starts signed out, as the antiforgery token of the login page expects.
    /// </summary>
    private sealed partial class Browser : IDisposable
    {
        private readonly HttpClient http;
        private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);
        private string token = "";

        private Browser(HttpClient http) => this.http = http;

        public static async Task<Browser> OpenAsync(Uri baseAddress)
        {
            var browser = new Browser(new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) });
            browser.http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            browser.http.DefaultRequestHeaders.Add("X-Forwarded-For", "192.0.2.10");
            using var request = new HttpRequestMessage(HttpMethod.Get, "desk/login");
            using var response = await browser.http.SendAsync(request);
            browser.Keep(response);
            var html = await response.Content.ReadAsStringAsync();
            browser.token = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
            if (browser.token.Length == 0)
            {
                throw new InvalidOperationException($"/desk/login ({(int)response.StatusCode}) carries no antiforgery token");
            }

            return browser;
        }

        public async Task<bool> SignInAsync(string idNumber, DateOnly birthDate, X509Certificate2 card)
        {
            using var challenge = await PostAsync("desk/api/card-login/challenge", JsonSerializer.Serialize(new { idNumber }), keep: true);
            if (challenge.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            using var json = JsonDocument.Parse(await challenge.Content.ReadAsStringAsync());
            var tbs = json.RootElement.GetProperty("tbs").GetString()!;
            var signature = Sign(card, tbs);
            using var login = await PostAsync("desk/api/card-login", JsonSerializer.Serialize(new { idNumber, birthDate = RocDate.ToCompact(birthDate), signature }), keep: false);
            return login.StatusCode == HttpStatusCode.OK;
        }

        private async Task<HttpResponseMessage> PostAsync(string path, string body, bool keep)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("RequestVerificationToken", token);
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value)));
            }

            var response = await http.SendAsync(request);
            if (keep)
            {
                Keep(response);
            }

            return response;
        }

        private void Keep(HttpResponseMessage response)
        {
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    var pair = value.Split(';', 2)[0];
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    if (equals > 0)
                    {
                        cookies[pair[..equals]] = pair[(equals + 1)..];
                    }
                }
            }
        }

        public void Dispose() => http.Dispose();

        [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex TokenPattern();
    }
}
