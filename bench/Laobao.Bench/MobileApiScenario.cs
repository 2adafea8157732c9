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
        var web = BenchOptions.Get(args, "--web") ?? throw new ArgumentException("--web PATH/Laobao.Web.dll is needed (dotnet build -c Release src/Laobao.Web)");
        var clients = BenchOptions.GetInt(args, "--clients", 64);
        var seconds = BenchOptions.GetInt(args, "--seconds", 20);
        var users = BenchOptions.GetInt(args, "--users", 2000);
        var signInUsers = BenchOptions.GetInt(args, "--sign-in-users", 8);
        var warmUpSeconds = BenchOptions.GetInt(args, "--warm-up", 5);
        var prewarmSeconds = BenchOptions.GetInt(args, "--prewarm", 45);
        var phases = (BenchOptions.Get(args, "--phases") ?? "full,bare,sign-in").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Both servers run with the same garbage collector; server GC is what ASP.NET Core hosts use by default.
        var serverGc = BenchOptions.GetInt(args, "--server-gc", 1) == 1;
        var settings = new DatabaseSettings(provider, connection);
        Console.WriteLine($"machine: {BenchOptions.Machine()}");

        await using (var db = settings.CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        var persons = await CountPersonsAsync(settings);
        var (tokens, signers) = await PrepareAsync(settings, users, signInUsers);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{provider}, {persons:N0} persons in the store, {tokens.Count:N0} signed-in persons, {clients} concurrent clients, {seconds} s per phase"));

        var port = FreePort();
        var barePort = FreePort();
        using var host = StartServer("web", "dotnet", [Path.GetFullPath(web), "--urls", $"http://127.0.0.1:{port}"], Path.GetDirectoryName(Path.GetFullPath(web))!, settings, serverGc);
        using var stopHost = new KillOnDispose(host);
        using var bareHost = StartServer("bare", "dotnet", [typeof(MobileApiScenario).Assembly.Location, "bare-server", "--provider", provider.ToString(), "--connection", connection, "--urls", $"http://127.0.0.1:{barePort}"], AppContext.BaseDirectory, settings, serverGc);
        using var stopBare = new KillOnDispose(bareHost);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
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
            // Both servers JIT-compile and tier up under the same load before anything is measured: the web host has far
            // more code to warm than the bare endpoint, and on a busy machine that takes minutes, not the phase warm-up.
            var prewarm = TimeSpan.FromSeconds(prewarmSeconds);
            var fullWarm = await ApiLoad.RunAsync("prewarm full", host, clients, TimeSpan.Zero, prewarm, (_, random) => GetAsync(http, coverageUri, tokens[random.Next(tokens.Count)]));
            var bareWarm = await ApiLoad.RunAsync("prewarm bare", bareHost, clients, TimeSpan.Zero, prewarm, (_, random) => GetAsync(http, bareUri, tokens[random.Next(tokens.Count)]));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prewarmed {prewarmSeconds} s each: full {fullWarm.Requests:N0} requests, bare {bareWarm.Requests:N0} requests"));
        }

        var results = new List<LoadResult>();
        LoadResult? full = null;
        LoadResult? raw = null;
        foreach (var phase in phases)
        {
            var result = phase switch
            {
                "full" => full = await ApiLoad.RunAsync("full stack GET /api/v1/me/coverage", host, clients, warmUp, duration, (_, random) => GetAsync(http, coverageUri, tokens[random.Next(tokens.Count)])),
                "bare" => raw = await ApiLoad.RunAsync("bare ADO.NET endpoint, same queries", bareHost, clients, warmUp, duration, (_, random) => GetAsync(http, bareUri, tokens[random.Next(tokens.Count)])),
                "sign-in" => await ApiLoad.RunAsync("password sign-in (challenge + POST /sessions)", host, signers.Count, warmUp, duration, (client, _) => SignInAsync(http, signers[client])),
                _ => throw new ArgumentException($"--phases: unknown phase '{phase}' (full, bare, sign-in)"),
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

        if (full is not null && raw is not null)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"full stack / bare: {full.PerSecond / raw.PerSecond:P0} of requests/s; bare / full server CPU per request: {raw.ServerCpuMsPerRequest / full.ServerCpuMsPerRequest:P0}"));
        }

        if (results.Find(r => r.Name.StartsWith("password", StringComparison.Ordinal)) is { } signIns)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sign-ins: {signIns.PerSecond:F1}/s on {Environment.ProcessorCount} cores shared by server and load generator = {signIns.PerSecond / Environment.ProcessorCount:F1}/s per core; {signIns.PerServerCoreSecond:F1} per second of web-host CPU time"));
        }

        return 0;
    }

    private static async Task<bool> GetAsync(HttpClient http, Uri uri, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        await response.Content.LoadIntoBufferAsync();
        return response.IsSuccessStatusCode;
    }

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

    internal sealed record Signer(string Email, Guid DeviceId, ECDsa Key);

    /// <summary>Linked devices and fresh access tokens for <paramref name="users"/> persons spread over the store; accounts with passwords for a few.</summary>
    internal static async Task<(List<string> Tokens, List<Signer> Signers)> PrepareAsync(DatabaseSettings settings, int users, int signInUsers)
    {
        var watch = Stopwatch.StartNew();
        List<string> ids;
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
                // Every token holder needs an active account: a bearer token is honoured only while its account is.
                var email = string.Create(CultureInfo.InvariantCulture, $"p{i}@bench.invalid");
                if (!await db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().AnyAsync(a => a.PersonIdNumber == ids[i]))
                {
                    db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().Add(new Laobao.Web.Features.MobileAccount.MobileAccount
                    {
                        Id = Guid.NewGuid(), PersonIdNumber = ids[i], Email = email, PasswordHash = passwordHash, Status = MobileAccountStatus.Active,
                        TermsVersion = "bench", TermsAcceptedAt = now, CreatedAt = now, ActivatedAt = now, ApplicationText = "bench", ApplicationSignature = "bench",
                    });
                }

                if (i < signInUsers)
                {
                    signers.Add(new Signer(email, device.Id, key));
                }
                else
                {
                    key.Dispose();
                }

                // Issuing saves the device added above in the same SaveChanges.
                tokens.Add((await service.IssueAsync(ids[i], device.Id, null, CancellationToken.None)).AccessToken);
                db.ChangeTracker.Clear();
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prepared {tokens.Count:N0} devices and tokens in {watch.Elapsed.TotalSeconds:F1} s"));
        return (tokens, signers);
    }

    private static Process StartServer(string label, string fileName, string[] arguments, string workingDirectory, DatabaseSettings settings, bool serverGc)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_gcServer"] = serverGc ? "1" : "0";
        // No file watchers for configuration: a shared machine runs out of inotify instances, and a bench never edits settings.
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = settings.Provider.ToString();
        start.Environment["ConnectionStrings__Laobao"] = settings.ConnectionString;
        start.Environment["Database__MigrateOnStart"] = "false";
        start.Environment["Desk__Origin"] = "https://desk.bench.invalid";
        start.Environment["Mail__LocalMailbox"] = "true";
        // Audit lines are written to the database either way; the console log is what a load test must not measure.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the {label} server");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(label + ": " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForAsync(HttpClient http, Uri health)
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

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
