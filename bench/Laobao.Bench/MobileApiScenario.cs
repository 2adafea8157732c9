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
/// GET /api/v1/me/coverage with bearer tokens of many persons, against <see cref="BareInquiryEndpoint"/> doing the
/// same database work through raw ADO.NET; then password sign-ins (Argon2id + device signature) per second.
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
        var signInUsers = BenchOptions.GetInt(args, "--sign-in-users", 32);
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
        using var host = StartHost(web, settings, port);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
        await WaitForAsync(http);
        await using var bare = await BareInquiryEndpoint.StartAsync(settings);
        var bareUri = new Uri(bare.Url + "/bare/coverage");

        var warmUp = TimeSpan.FromSeconds(3);
        var duration = TimeSpan.FromSeconds(seconds);
        var full = await ApiLoad.RunAsync("full stack GET /api/v1/me/coverage", clients, warmUp, duration, (_, random) => GetAsync(http, new Uri("api/v1/me/coverage", UriKind.Relative), tokens[random.Next(tokens.Count)]));
        var raw = await ApiLoad.RunAsync("bare ADO.NET endpoint, same queries", clients, warmUp, duration, (_, random) => GetAsync(http, bareUri, tokens[random.Next(tokens.Count)]));
        var signIns = await ApiLoad.RunAsync("password sign-in (challenge + POST /sessions)", signers.Count, warmUp, duration, (client, _) => SignInAsync(http, signers[client]));

        Console.WriteLine();
        Console.WriteLine("| phase | requests | errors | requests/s | p50 ms | p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        Console.WriteLine(full.Row());
        Console.WriteLine(raw.Row());
        Console.WriteLine(signIns.Row());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"full stack / bare: {full.PerSecond / raw.PerSecond:P0}; sign-ins per core: {signIns.PerSecond / Environment.ProcessorCount:F1}/s ({Environment.ProcessorCount} cores shared by server and load generator)"));
        host.Kill(entireProcessTree: true);
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

    private sealed record Signer(string Email, Guid DeviceId, ECDsa Key);

    /// <summary>Linked devices and fresh access tokens for <paramref name="users"/> persons spread over the store; accounts with passwords for a few.</summary>
    private static async Task<(List<string> Tokens, List<Signer> Signers)> PrepareAsync(DatabaseSettings settings, int users, int signInUsers)
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
                if (i < signInUsers)
                {
                    var email = $"p{i}@bench.invalid";
                    db.Set<Laobao.Web.Features.MobileAccount.MobileAccount>().Add(new Laobao.Web.Features.MobileAccount.MobileAccount
                    {
                        Id = Guid.NewGuid(), PersonIdNumber = ids[i], Email = email, PasswordHash = passwordHash, Status = MobileAccountStatus.Active,
                        TermsVersion = "bench", TermsAcceptedAt = now, CreatedAt = now, ActivatedAt = now, ApplicationText = "bench", ApplicationSignature = "bench",
                    });
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

    private static Process StartHost(string web, DatabaseSettings settings, int port)
    {
        var start = new ProcessStartInfo("dotnet", [Path.GetFullPath(web), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(web))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = settings.Provider.ToString();
        start.Environment["ConnectionStrings__Laobao"] = settings.ConnectionString;
        start.Environment["Database__MigrateOnStart"] = "false";
        start.Environment["Desk__Origin"] = "https://desk.bench.invalid";
        start.Environment["Mail__LocalMailbox"] = "true";
        // Audit lines are written to the database either way; the console log is what a load test must not measure.
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
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));
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

        throw new InvalidOperationException("the web host did not become healthy within 60 s");
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
