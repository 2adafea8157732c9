using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Laobao.Client;
using Laobao.Web.Data;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Security.DeviceKeys;
using Laobao.Web.Security.Passwords;
using Laobao.Web.Security.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Laobao.Bench;

/// <summary>
/// The mobile API under load, in one run: the real web host (its own process, Kestrel on loopback) answering
/// GET /api/v1/me/coverage with bearer tokens of many persons, against <see cref="BareInquiryEndpoint"/> (also its
/// own process) doing the same database work through raw ADO.NET; then password sign-ins (Argon2id + device
/// signature) per second. The load generator is this process; neither server shares it.
/// </summary>
internal static class MobileApiScenario
{
    private const string Password = "benchmark passphrase 勞保 2026";

    public static async Task<int> RunAsync(string[] args)
    {
        var provider = BenchOptions.Provider(args);
        var connection = BenchOptions.Get(args, "--connection") ?? throw new ArgumentException("--connection CONNECTION is needed");
        var web = BenchOptions.Get(args, "--web") ?? throw new ArgumentException("--web PATH/Laobao.Web.dll is needed (dotnet build -c Release src/Laobao.Web, or the ReadyToRun publish in docs/benchmarks.md)");
        // Several concurrencies, each measured full then bare: one that does not saturate (8) beside one that queues (64).
        var concurrencies = (BenchOptions.Get(args, "--clients") ?? "8,64").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        var seconds = BenchOptions.GetInt(args, "--seconds", 20);
        var users = BenchOptions.GetInt(args, "--users", 2000);
        var signInUsers = BenchOptions.GetInt(args, "--sign-in-users", 8);
        var warmUpSeconds = BenchOptions.GetInt(args, "--warm-up", 5);
        var prewarmSeconds = BenchOptions.GetInt(args, "--prewarm", 180);
        var prewarmMinimum = BenchOptions.GetInt(args, "--prewarm-min", 30);
        var phases = (BenchOptions.Get(args, "--phases") ?? "full,bare,sign-in").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Both servers run with the same garbage collector; server GC is what ASP.NET Core hosts use by default.
        var serverGc = BenchOptions.GetInt(args, "--server-gc", 1) == 1;
        var settings = new DatabaseSettings(provider, connection);
        using var pinning = Pinning.FromArgs(args);
        Console.WriteLine($"command: {Environment.CommandLine}");
        Console.WriteLine($"started {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC; machine: {BenchOptions.Machine()}");
        var webPath = Path.GetFullPath(web);
        Console.WriteLine($"web host: {webPath} ({(IsReadyToRun(webPath) ? "ReadyToRun: precompiled, tier-up still replaces hot methods" : "IL only: JIT-compiled at run time")})");

        await using (var db = settings.CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        var persons = await CountPersonsAsync(settings);
        var (tokens, signers) = await PrepareAsync(settings, users, signInUsers);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{provider}, {persons:N0} persons in the store, {tokens.Count:N0} signed-in persons, {string.Join(" and ", concurrencies)} concurrent clients, {seconds} s per phase"));

        if (pinning is not null)
        {
            await pinning.ApplyAsync(provider == DatabaseProvider.Postgres ? connection : null);
            Console.WriteLine(pinning.Description);
        }
        else
        {
            Console.WriteLine("not pinned: server, load generator and database share every core (--pin 0:1 to pin)");
        }

        var port = FreePort();
        var barePort = FreePort();
        using var host = StartServer("web", "dotnet", [webPath, "--urls", $"http://127.0.0.1:{port}"], Path.GetDirectoryName(webPath)!, settings, serverGc, pinning);
        using var stopHost = new KillOnDispose(host);
        using var bareHost = StartServer("bare", "dotnet", [typeof(MobileApiScenario).Assembly.Location, "bare-server", "--provider", provider.ToString(), "--connection", connection, "--urls", $"http://127.0.0.1:{barePort}"], AppContext.BaseDirectory, settings, serverGc, pinning);
        using var stopBare = new KillOnDispose(bareHost);
        var maxClients = Math.Max(concurrencies.Max(), signInUsers);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxClients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        await WaitForAsync(http, new Uri("healthz", UriKind.Relative));
        var bareUri = new Uri($"http://127.0.0.1:{barePort}/bare/coverage");
        await WaitForAsync(http, new Uri($"http://127.0.0.1:{barePort}/healthz"));
        Console.WriteLine($"web host pid {host.Id}, bare endpoint pid {bareHost.Id}, each its own process, server GC {(serverGc ? "on" : "off")} in both");

        var warmUp = TimeSpan.FromSeconds(warmUpSeconds);
        var duration = TimeSpan.FromSeconds(seconds);
        var coverageUri = new Uri("api/v1/me/coverage", UriKind.Relative);
        if (prewarmSeconds > 0)
        {
            // Every server JIT-compiles and tiers up under load before anything is measured, each until its CPU per request
            // stops falling: the web host has far more code to warm than the bare endpoint. The sign-in is a path of its
            // own (the challenge, the nonce, Argon2id, the device signature, the token rows, the transaction), which the
            // inquiry's prewarm never runs: without a prewarm of its own its tier-up would be counted in its CPU per
            // sign-in. Only the phases asked for are prewarmed.
            var window = TimeSpan.FromSeconds(5);
            var prewarmClients = concurrencies.Max();
            Console.WriteLine($"prewarm: {prewarmClients} clients (sign-ins: {signers.Count}), 5 s windows, until two windows agree within 5 % (at least {prewarmMinimum} s, at most {prewarmSeconds} s each)");
            var warmed = new List<string>();
            if (phases.Contains("full"))
            {
                var fullWarm = await ApiLoad.PrewarmAsync("prewarm full", host, prewarmClients, TimeSpan.FromSeconds(prewarmMinimum), TimeSpan.FromSeconds(prewarmSeconds), window, (_, random) => GetAsync(http, coverageUri, tokens[random.Next(tokens.Count)]));
                warmed.Add(Warmed("full", fullWarm, "requests"));
            }

            if (phases.Contains("bare"))
            {
                var bareWarm = await ApiLoad.PrewarmAsync("prewarm bare", bareHost, prewarmClients, TimeSpan.FromSeconds(prewarmMinimum), TimeSpan.FromSeconds(prewarmSeconds), window, (_, random) => GetAsync(http, bareUri, tokens[random.Next(tokens.Count)]));
                warmed.Add(Warmed("bare", bareWarm, "requests"));
            }

            if (phases.Contains("sign-in"))
            {
                var signInWarm = await ApiLoad.PrewarmAsync("prewarm sign-in", host, signers.Count, TimeSpan.FromSeconds(prewarmMinimum), TimeSpan.FromSeconds(prewarmSeconds), window, (client, _) => SignInAsync(http, signers[client]));
                warmed.Add(Warmed("sign-in", signInWarm, "sign-ins"));
            }

            Console.WriteLine("prewarmed: " + string.Join(", ", warmed));
        }

        var results = new List<LoadResult>();
        var pairs = new List<(int Clients, LoadResult? Full, LoadResult? Bare)>();
        foreach (var clients in concurrencies)
        {
            LoadResult? full = null;
            LoadResult? raw = null;
            foreach (var phase in phases)
            {
                var result = phase switch
                {
                    "full" => full = await ApiLoad.RunAsync($"full stack GET /api/v1/me/coverage, {clients} clients", host, clients, warmUp, duration, (_, random) => GetAsync(http, coverageUri, tokens[random.Next(tokens.Count)])),
                    "bare" => raw = await ApiLoad.RunAsync($"bare ADO.NET endpoint, same queries, {clients} clients", bareHost, clients, warmUp, duration, (_, random) => GetAsync(http, bareUri, tokens[random.Next(tokens.Count)])),
                    "sign-in" => null,
                    _ => throw new ArgumentException($"--phases: unknown phase '{phase}' (full, bare, sign-in)"),
                };
                if (result is not null)
                {
                    Console.WriteLine(result.Row());
                    results.Add(result);
                }
            }

            pairs.Add((clients, full, raw));
        }

        LoadResult? signIns = null;
        if (phases.Contains("sign-in"))
        {
            signIns = await ApiLoad.RunAsync($"password sign-in (challenge + POST /sessions), {signers.Count} clients", host, signers.Count, warmUp, duration, (client, _) => SignInAsync(http, signers[client]));
            Console.WriteLine(signIns.Row());
            results.Add(signIns);
        }

        Console.WriteLine();
        Console.WriteLine($"== {provider}, {persons:N0} persons; {(pinning is null ? "not pinned" : pinning.Description)}; load average at the end {BenchOptions.LoadAverage()}");
        // The headline: CPU time the server process spent per request, which queueing on shared cores hardly moves.
        Console.WriteLine("| clients | full stack server CPU ms/inquiry | bare endpoint server CPU ms/inquiry | full / bare (goal ≤ 2×) | full requests/s | bare requests/s |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var (clients, full, raw) in pairs)
        {
            if (full is not null && raw is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {clients} | **{full.ServerCpuMsPerRequest:F3}** | {raw.ServerCpuMsPerRequest:F3} | **{full.ServerCpuMsPerRequest / raw.ServerCpuMsPerRequest:F2}×** | {full.PerSecond:N1} | {raw.PerSecond:N1} |"));
            }
        }

        Console.WriteLine();
        Console.WriteLine(LoadResult.Header);
        foreach (var result in results)
        {
            Console.WriteLine(result.Row());
        }

        if (signIns is not null)
        {
            // The floor of a sign-in is one Argon2id check at the configured parameters; measured here, in this process,
            // in the same run. What the web host spends beyond it (nonce, device signature, token rows, audit, HTTP) must
            // stay under 20 % of it.
            var argon = Argon2CpuMs(20);
            var rest = signIns.ServerCpuMsPerRequest - argon;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sign-ins: {signIns.PerSecond:F1}/s; **{signIns.PerServerCoreSecond:F1} per second of web-host CPU time** ({signIns.ServerCpuMsPerRequest:F1} ms each, challenge included; Keycloak's sizing guide plans 15 password logins per second per vCPU)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sign-in floor: one Argon2id check (m={new PasswordHashingOptions().MemoryKiB} KiB, t={new PasswordHashingOptions().Iterations}) costs {argon:F1} ms CPU in-process; everything else in a sign-in costs {rest:F1} ms = {rest / argon:P0} of it (goal ≤ 20 %)"));
        }

        return 0;
    }

    private static string Warmed(string name, (long Requests, double Seconds, bool Settled) warm, string unit) => string.Create(CultureInfo.InvariantCulture,
        $"{name} {warm.Requests:N0} {unit} in {warm.Seconds:F0} s ({(warm.Settled ? "settled" : "NOT settled: raise --prewarm")})");

    /// <summary>
    /// Mean CPU time of one Argon2id verification at the default (= configured) parameters, one after another on one
    /// thread. Read from this process's CPU time over all the checks (its clock ticks are 10 ms, so one check alone would be
    /// too coarse); the load has stopped, so nothing else runs in this process meanwhile.
    /// </summary>
    private static double Argon2CpuMs(int checks)
    {
        var hasher = new PasswordHasher(Options.Create(new PasswordHashingOptions()));
        var stored = hasher.Hash(Password);
        hasher.Verify(Password, stored);
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var before = self.TotalProcessorTime;
        for (var i = 0; i < checks; i++)
        {
            hasher.Verify(Password, stored);
        }

        self.Refresh();
        return (self.TotalProcessorTime - before).TotalMilliseconds / checks;
    }

    /// <summary>True when the assembly carries ReadyToRun native code (a ManagedNativeHeader in its CLI header).</summary>
    internal static bool IsReadyToRun(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    private static async Task<bool> GetAsync(HttpClient http, Uri uri, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        await response.Content.LoadIntoBufferAsync();
        if (!response.IsSuccessStatusCode && Interlocked.Exchange(ref errorShown, 1) == 0)
        {
            // Errors are counted, not timed; the first one is shown so a run that measures refusals is seen as such.
            Console.Error.WriteLine($"first error: {(int)response.StatusCode} {uri}: {(await response.Content.ReadAsStringAsync())[..Math.Min(300, (int)(response.Content.Headers.ContentLength ?? 0))]}");
        }

        return response.IsSuccessStatusCode;
    }

    private static int errorShown;

    private static async Task<bool> SignInAsync(HttpClient http, Signer signer)
    {
        var client = new LaobaoApiClient(http);
        var challenge = await client.ChallengeAsync(signer.DeviceId);
        var signature = DeviceProof.ToBase64Url(signer.Key.SignData(DeviceProof.Utf8(DeviceProof.LoginText(challenge.Nonce, signer.DeviceId)), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        try
        {
            await client.SignInAsync(new SignInRequest(signer.Email, Password, signer.DeviceId, challenge.Nonce, signature));
            return true;
        }
        catch (LaobaoApiException)
        {
            return false;
        }
    }

    /// <summary>Ends a server process however the run ends, so a failed run leaves nothing listening.</summary>
    internal sealed class KillOnDispose(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    internal sealed record Signer(string Email, Guid DeviceId, ECDsa Key);

    /// <summary>Linked devices and fresh access tokens for <paramref name="users"/> persons spread over the store; accounts with passwords for a few.</summary>
    internal static async Task<(List<string> Tokens, List<Signer> Signers)> PrepareAsync(DatabaseSettings settings, int users, int signInUsers)
    {
        var watch = Stopwatch.StartNew();
        List<string> ids;
        HashSet<string> withAccount;
        await using (var db = settings.CreateContext())
        {
            var total = await db.Persons.CountAsync();
            var step = Math.Max(1, total / users);
            ids = (await db.Persons.AsNoTracking().OrderBy(p => p.IdNumber).Select(p => p.IdNumber).ToListAsync())
                .Where((_, i) => i % step == 0).Take(users).ToList();
            await db.Set<MobileAccessToken>().ExecuteDeleteAsync();
            await db.Set<MobileRefreshToken>().ExecuteDeleteAsync();
            await db.Set<LinkedDevice>().ExecuteDeleteAsync();
            await db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().Where(a => a.Email.EndsWith("@bench.invalid")).ExecuteDeleteAsync();
            withAccount = (await db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().Where(a => a.Status != MobileAccountStatus.Closed && ids.Contains(a.PersonIdNumber))
                .Select(a => a.PersonIdNumber).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        }

        var hasher = new PasswordHasher(Options.Create(new PasswordHashingOptions()));
        var passwordHash = hasher.Hash(Password);
        var tokens = new List<string>(ids.Count);
        var signers = new List<Signer>();
        var now = DateTime.UtcNow;
        await using (var db = settings.CreateContext())
        {
            var service = new TokenService(db, TimeProvider.System);
            for (var i = 0; i < ids.Count; i++)
            {
                var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                var device = new LinkedDevice { Id = Guid.NewGuid(), PersonIdNumber = ids[i], PublicKeySpki = key.ExportSubjectPublicKeyInfo(), Name = "bench", Platform = "bench", LinkedAt = now };
                db.Set<LinkedDevice>().Add(device);
                // A token is valid only while its person's account is active, so every bench person gets one; the first
                // few also sign in with the password.
                var email = $"p{i}@bench.invalid";
                if (withAccount.Contains(ids[i]))
                {
                    key.Dispose();
                    tokens.Add(await IssueTokenAsync(service, db, ids[i], device.Id));
                    continue;
                }

                db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().Add(new Laobao.Web.Features.MobileAccount.MobileAccount
                {
                    Id = Guid.NewGuid(), PersonIdNumber = ids[i], Email = email, PasswordHash = passwordHash, Status = MobileAccountStatus.Active,
                    TermsVersion = "bench", TermsAcceptedAt = now, CreatedAt = now, ActivatedAt = now, ApplicationText = "bench", ApplicationSignature = "bench",
                });
                if (i < signInUsers)
                {
                    signers.Add(new Signer(email, device.Id, key));
                }
                else
                {
                    key.Dispose();
                }

                // Issuing saves the device added above in the same SaveChanges.
                tokens.Add(await IssueTokenAsync(service, db, ids[i], device.Id));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prepared {tokens.Count:N0} devices and tokens in {watch.Elapsed.TotalSeconds:F1} s"));
        return (tokens, signers);
    }

    /// <summary>
    /// A fresh access token for every bench device (the ones <see cref="PrepareAsync"/> linked), as the app renews its
    /// tokens before they run out: what a run longer than a token's life (SPEC §7, 10 minutes) swaps in.
    /// </summary>
    internal static async Task<List<string>> ReissueTokensAsync(DatabaseSettings settings)
    {
        await using var db = settings.CreateContext();
        var devices = await db.Set<LinkedDevice>().AsNoTracking().Where(d => d.Name == "bench")
            .Select(d => new { d.Id, d.PersonIdNumber }).ToListAsync();
        var service = new TokenService(db, TimeProvider.System);
        var fresh = new List<string>(devices.Count);
        foreach (var device in devices)
        {
            fresh.Add(await IssueTokenAsync(service, db, device.PersonIdNumber, device.Id));
        }

        return fresh;
    }

    /// <summary>One device's access token (saving what the context holds); the tracker is emptied so thousands of them do not pile up.</summary>
    private static async Task<string> IssueTokenAsync(TokenService service, LaobaoDbContext db, string idNumber, Guid deviceId)
    {
        var token = (await service.IssueAsync(idNumber, deviceId, null, CancellationToken.None)).AccessToken;
        db.ChangeTracker.Clear();
        return token;
    }

    internal static Process StartServer(string label, string fileName, string[] arguments, string workingDirectory, DatabaseSettings settings, bool serverGc, Pinning? pinning, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (pinning is not null)
        {
            (fileName, arguments) = pinning.Wrap(fileName, arguments);
        }

        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_gcServer"] = serverGc ? "1" : "0";
        // For `perf record -p PID`: the JIT writes /tmp/perf-PID.map so compiled methods have names in the profile.
        if (Environment.GetEnvironmentVariable("LAOBAO_BENCH_PERF_MAP") == "1")
        {
            start.Environment["DOTNET_PerfMapEnabled"] = "1";
            // Without this the JIT's code lives in a double-mapped memfd that perf cannot match with the map file.
            start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        }

        // No file watchers for configuration: a shared machine runs out of inotify instances, and a bench never edits settings.
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = settings.Provider.ToString();
        start.Environment["ConnectionStrings__Laobao"] = settings.ConnectionString;
        start.Environment["Database__MigrateOnStart"] = "false";
        start.Environment["Desk__Origin"] = "https://desk.bench.invalid";
        // Production refuses to start without a certificate to encrypt its Data Protection keys with.
        start.Environment["DataProtection__CertificatePath"] = DataProtectionCertificate.Value;
        start.Environment["Mail__LocalMailbox"] = "true";
        // Audit lines are written to the database either way; the console log is what a load test must not measure.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the {label} server");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(label + ": " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>A throwaway self-signed certificate with its key (PEM, one file) for the servers' Data Protection key ring.</summary>
    private static readonly Lazy<string> DataProtectionCertificate = new(() =>
    {
        using var key = RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Laobao bench data protection", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Directory.CreateTempSubdirectory("laobao-bench-dp-").FullName, "data-protection.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem() + "\n");
        return path;
    });

    internal static async Task WaitForAsync(HttpClient http, Uri health)
    {
        for (var i = 0; i < 120; i++)
        {
            try
            {
                using var response = await http.GetAsync(health);
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

        throw new InvalidOperationException($"{health} did not answer within 60 s");
    }

    private static async Task<long> CountPersonsAsync(DatabaseSettings settings)
    {
        await using var db = settings.CreateContext();
        return await db.Persons.LongCountAsync();
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
