using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Laobao.Client;
using Laobao.Domain.Dates;
using Laobao.Web.Data;
using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Mail;
using Laobao.Web.Operations.Outage;
using Laobao.Web.Security.Audit;
using Laobao.Web.Security.Tokens;
using Laobao.Web.Tests.Features.DeviceLinking;
using Laobao.Web.Tests.Features.MobileAccount.Support;
using Laobao.Web.Tests.Features.MobileApi;
using Laobao.Web.Tests.Operations;
using Laobao.Web.Tests.Mail;
using Laobao.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using AccountDesk = Laobao.Web.Tests.Features.MobileAccount.Support.DeskBrowser;

namespace Laobao.Web.Tests.Deploy;

/// <summary>
/// Issue 19's fault must-shows on deploy/run.sh: PostgreSQL (the primary) stopped for 20 s in the middle of steady
/// API and e-desk traffic, and one web node SIGKILLed mid-traffic.
/// </summary>
public sealed class DeployFaultTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WhenThePrimaryStopsForTwentySecondsUnderTrafficThenOnly503sAnswerNothingIsLostAndEveryNodeRecovers()
    {
        await using var world = await FaultWorld.StartAsync();
        var d = world.Deployment;
        try
        {
            // A mail accepted before the outage and still waiting: the relay is away until the store is back.
            await world.Smtp.StopAsync();
            var mailsBefore = await world.CountAsync<OutboxMessage>(m => true);
            await world.LinkSecondPhoneAsync();
            var accepted = await world.CountAsync<OutboxMessage>(m => true);
            Assert.True(accepted > mailsBefore, "linking a phone queued no mail");
            var auditBefore = await world.CountAsync<AuditRecord>(r => r.Action == AuditActions.CoverageView);

            var answers = new ConcurrentQueue<TrafficAnswer>();
            using var stop = new CancellationTokenSource();
            var api = world.Api(d.Balancer);
            var traffic = new List<Task>
            {
                OutageTraffic.LoopAsync("balancer", api, "api/v1/me/coverage", answers, stop.Token),
                OutageTraffic.LoopAsync("balancer", world.Desk(d.Balancer), "desk/inquiry/coverage", answers, stop.Token),
            };
            for (var node = 0; node < 2; node++)
            {
                var name = "node" + (node + 1).ToString(CultureInfo.InvariantCulture);
                traffic.Add(OutageTraffic.LoopAsync(name, world.Api(d.Nodes[node]), "api/v1/me/coverage", answers, stop.Token));
                traffic.Add(OutageTraffic.LoopAsync(name, world.Desk(d.Nodes[node]), "desk/inquiry/coverage", answers, stop.Token));
                traffic.Add(OutageTraffic.LoopAsync(name, new HttpClient { BaseAddress = d.Nodes[node], Timeout = TimeSpan.FromSeconds(30) }, "healthz/ready", answers, stop.Token));
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            await d.StopPrimaryAsync();
            await Task.Delay(Outage);
            await d.StartPrimaryAsync();
            var back = DateTime.UtcNow;
            // This test process's own pooled connections died with the old server too.
            Npgsql.NpgsqlConnection.ClearAllPools();
            await world.Smtp.StartAsync();

            // Every node, and the balancer, serve the API and the e-desk again within 10 s of the store's return.
            foreach (var address in d.Nodes.Append(d.Balancer))
            {
                await OutageTraffic.WaitForOkAsync(world.Api(address), "api/v1/me/coverage", back + Recovery, Recovery);
                await OutageTraffic.WaitForOkAsync(world.Desk(address), "desk/inquiry/coverage", back + Recovery, Recovery);
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            await stop.CancelAsync();
            await Task.WhenAll(traffic);

            var all = answers.ToList();
            Assert.All(all, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{a.Via} {a.Path} answered {(int)a.Status}{a.Failure}"));
            var unavailable = all.Where(a => a.Status == HttpStatusCode.ServiceUnavailable && !a.Path.StartsWith("healthz", StringComparison.Ordinal)).ToList();
            Assert.Contains(unavailable, a => a.Via == "node1");
            Assert.Contains(unavailable, a => a.Via == "node2");
            Assert.Contains(unavailable, a => a.Via == "balancer");
            Assert.All(unavailable, a => Assert.True(a.RetryAfter == StoreOutageMiddleware.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture), $"{a.Via} {a.Path}: 503 without Retry-After"));
            Assert.All(unavailable.Where(a => a.Path.StartsWith("api", StringComparison.Ordinal)), a => Assert.Equal(OutageCopy.Code, a.Code));
            Assert.All(unavailable.Where(a => a.Path.StartsWith("desk", StringComparison.Ordinal)), a => Assert.Contains(OutageCopy.TitleEn, a.Body, StringComparison.Ordinal));
            Assert.All(unavailable.Where(a => a.Path.StartsWith("desk", StringComparison.Ordinal)), a => Assert.Contains(OutageCopy.TitleZh, a.Body, StringComparison.Ordinal));
            foreach (var node in new[] { "node1", "node2" })
            {
                var ready = all.Where(a => a.Via == node && a.Path == "healthz/ready").Select(a => a.Status).ToList();
                Assert.Contains(HttpStatusCode.ServiceUnavailable, ready);
                Assert.Equal(HttpStatusCode.OK, ready[^1]);
            }

            // Nothing accepted is lost: every coverage view answered 200 has its audit row (no more, no fewer), and
            // the mail accepted before the outage is still there and goes out once.
            // (the API's and the e-desk's coverage views answered in the loops, plus the first API and e-desk success on
            // each of the three addresses after the outage)
            var served = all.Count(a => a.Path.Contains("coverage", StringComparison.Ordinal) && a.Status == HttpStatusCode.OK) + 2 * 3;
            Assert.Equal(served, await world.CountAsync<AuditRecord>(r => r.Action == AuditActions.CoverageView) - auditBefore);
            Assert.Equal(accepted, await world.CountAsync<OutboxMessage>(m => true));
            await OutageTraffic.WaitAsync(async () => await world.CountAsync<OutboxMessage>(m => m.SentAt == null) == 0, DateTime.UtcNow + TimeSpan.FromSeconds(60), "the mail accepted before the outage was not sent after it");
            Assert.Equal(accepted, world.Smtp.Messages().Count);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"{exception.Message}\n{d.Output}\n{d.Logs()}", exception);
        }
    }

    [Fact]
    public async Task WhenOneNodeIsKilledMidTrafficThenTheBalancerRoutesAroundItAndNothingItAcceptedIsHalfApplied()
    {
        await using var world = await FaultWorld.StartAsync();
        var d = world.Deployment;
        try
        {
            var answers = new ConcurrentQueue<TrafficAnswer>();
            var signIns = new ConcurrentQueue<TokenResponse>();
            using var stop = new CancellationTokenSource();
            var traffic = new List<Task>
            {
                OutageTraffic.LoopAsync("balancer", world.Api(d.Balancer), "api/v1/me/coverage", answers, stop.Token),
                OutageTraffic.LoopAsync("balancer", world.Api(d.Balancer), "api/v1/me/coverage", answers, stop.Token),
                OutageTraffic.LoopAsync("balancer", world.Desk(d.Balancer), "desk/inquiry/coverage", answers, stop.Token),
                SignInLoop(world, answers, signIns, stop.Token),
            };

            // Traffic until node B has answered through the balancer: on a busy machine HAProxy may count it down for
            // its first checks, and a kill before it served anything would prove nothing.
            await OutageTraffic.WaitAsync(() => Task.FromResult(answers.Any(a => a.Node == "node2")), DateTime.UtcNow + TimeSpan.FromSeconds(60), "the balancer sent nothing to node B within 60 s");
            await Task.Delay(TimeSpan.FromSeconds(2));
            // HAProxy says on standard error when it takes a server out (also once at start, before the nodes were up).
            var haproxyLog = Path.Combine(d.State, "logs", "haproxy.log");
            int Downs() => System.Text.RegularExpressions.Regex.Count(File.ReadAllText(haproxyLog), "nodes/node2 is DOWN");
            var downsBefore = Downs();
            var killed = DateTime.UtcNow;
            ReferenceDeployment.Signal(d.NodePid(1), 9);
            await OutageTraffic.WaitAsync(() => Task.FromResult(Downs() > downsBefore), DateTime.UtcNow + TimeSpan.FromSeconds(30), "HAProxy never took the killed node out");
            var down = DateTime.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(5));
            await stop.CancelAsync();
            await Task.WhenAll(traffic);
            Assert.False(ReferenceDeployment.IsRunning(d.NodePid(1)), "node B still runs after SIGKILL");

            var all = answers.ToList();
            Assert.Contains(all, a => a.At < killed && a.Node == "node2");
            // Only the requests the dead node held could fail (the balancer's 502/503, or a dropped connection);
            // none is a 500, and once the balancer had taken the node out every request was answered by node A.
            Assert.All(all, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or 0, $"{a.Path} answered {(int)a.Status}{a.Failure}"));
            var after = all.Where(a => a.At > down).ToList();
            Assert.NotEmpty(after);
            // (a sign-in's answer carries no node name: the client reads only its JSON)
            Assert.All(after, a => Assert.True(a.Status == HttpStatusCode.OK && a.Node is null or "node1", $"{a.Path} after the node was taken out: {(int)a.Status} from {a.Node}{a.Failure}"));

            // Nothing half-applied: every sign-in answered is whole (its tokens refresh), and every token family
            // stored has its sign-in audit row — the two are written in one transaction, so a request the killed
            // node had begun left both or neither.
            foreach (var tokens in signIns.Take(5))
            {
                var refreshed = await world.RefreshAsync(world.Api(d.Balancer), tokens.RefreshToken);
                Assert.False(string.IsNullOrEmpty(refreshed.AccessToken));
            }

            await using var db = world.Context();
            var families = await db.Set<MobileRefreshToken>().Select(t => t.FamilyId).Distinct().CountAsync();
            var signedIn = await db.Set<AuditRecord>().CountAsync(r => r.Action == AuditActions.MobileSignIn && r.Outcome == "ok");
            Assert.Equal(signedIn, families);
            Assert.True(signIns.Count <= families, $"{signIns.Count} sign-ins answered but only {families} stored");
            var views = await db.Set<AuditRecord>().CountAsync(r => r.Action == AuditActions.CoverageView);
            // Coverage views (API and e-desk alike) store their audit row before answering: each one answered has its
            // row. Beyond those, only the views the killed node held at the kill (at most one per traffic loop) may
            // have a row: stored whole by node B, then answered with an error or — HAProxy re-sends a GET whose reused
            // server connection closed without an answer — answered again by node A.
            var answered = all.Count(a => a.Path.Contains("coverage", StringComparison.Ordinal) && a.Status == HttpStatusCode.OK);
            const int coverageLoops = 3;
            Assert.InRange(views, answered, answered + coverageLoops);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"{exception.Message}\n{d.Output}\n{d.Logs()}", exception);
        }
    }

    private static async Task SignInLoop(FaultWorld world, ConcurrentQueue<TrafficAnswer> answers, ConcurrentQueue<TokenResponse> signIns, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = world.Deployment.Balancer, Timeout = TimeSpan.FromSeconds(30) };
        while (!stop.IsCancellationRequested)
        {
            var at = DateTime.UtcNow;
            try
            {
                var tokens = await world.SignInAsync(new LaobaoApiClient(client));
                signIns.Enqueue(tokens);
                answers.Enqueue(new TrafficAnswer("balancer", "api/v1/sessions", HttpStatusCode.OK, null, null, "", null, at, null));
            }
            catch (LaobaoApiException exception)
            {
                answers.Enqueue(new TrafficAnswer("balancer", "api/v1/sessions", (HttpStatusCode)exception.Status, null, exception.Code, "", " " + exception.Message, at, null));
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or JsonException)
            {
                answers.Enqueue(new TrafficAnswer("balancer", "api/v1/sessions", 0, null, null, "", " (" + exception.GetType().Name + ")", at, null));
            }

            await Task.Delay(200, CancellationToken.None);
        }
    }
}

/// <summary>
/// deploy/run.sh with 王小明 signed in on the e-desk (a real card signature), an active account and a linked phone:
/// what the fault tests put traffic through.
/// </summary>
internal sealed class FaultWorld : IAsyncDisposable
{
    private readonly CardWorld cards;
    private readonly SharedCookieJar desk = new();
    private readonly List<HttpClient> clients = [];
    private ECDsa key = null!;
    private string accessToken = null!;

    private FaultWorld(CardWorld cards, SmtpCaptureServer smtp, ReferenceDeployment deployment)
    {
        this.cards = cards;
        Smtp = smtp;
        Deployment = deployment;
    }

    public SmtpCaptureServer Smtp { get; }

    public ReferenceDeployment Deployment { get; }

    public Guid DeviceId { get; private set; }

    private const string Email = "wang@example.tw";
    private const string Password = AccountSteps.GoodPassword;

    public static async Task<FaultWorld> StartAsync()
    {
        var cards = CardWorld.Create();
        var smtp = await SmtpCaptureServer.StartNewAsync();
        var settings = DeployJourneyTests.NodeSettings(cards, smtp);
        settings["Mail__RetryBaseDelay"] = "00:00:01";
        settings["Mail__RetryMaxDelay"] = "00:00:02";
        var deployment = await ReferenceDeployment.StartAsync(settings);
        var world = new FaultWorld(cards, smtp, deployment);
        try
        {
            await DeployJourneyTests.SeedAsync(deployment);
            await using (var db = world.Context())
            {
                await Accounts.AddAsync(db, People.Wang, Email, Password, MobileAccountStatus.Active, DateTime.UtcNow.AddDays(-1));
            }

            // The e-desk session: a real card sign-in through the balancer.
            var holder = new CardHolder(People.Wang, "王小明", new DateOnly(1971, 1, 2), cards.IssueCard(People.Wang, "王小明"));
            var balancer = world.Desk(deployment.Balancer);
            var token = await DeployJourneyTests.TokenAsync(balancer, "/desk/login");
            var challenge = await DeployJourneyTests.PostJsonAsync(balancer, "/desk/api/card-login/challenge", new { idNumber = holder.IdNumber }, token);
            var tbs = (await challenge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tbs").GetString()!;
            var login = await DeployJourneyTests.PostJsonAsync(balancer, "/desk/api/card-login", new { idNumber = holder.IdNumber, birthDate = RocDate.ToCompact(holder.BirthDate), signature = AccountDesk.Sign(holder, tbs) }, token);
            Assert.True(login.StatusCode == HttpStatusCode.OK, await login.Content.ReadAsStringAsync());

            (world.DeviceId, world.key) = await world.LinkAsync();
            world.accessToken = (await world.SignInAsync(new LaobaoApiClient(world.Raw(deployment.Balancer)))).AccessToken;
            // The linking notice is out: the outage test counts from here.
            await world.Smtp.WaitForAsync(Email, 1, TimeSpan.FromSeconds(60));
            return world;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var failure = $"{exception.Message}\n{deployment.Output}\n{deployment.Logs()}";
            await world.DisposeAsync();
            throw new Xunit.Sdk.XunitException(failure, exception);
        }
    }

    public LaobaoDbContext Context() => new DatabaseSettings(DatabaseProvider.Postgres, Deployment.PrimaryConnectionString).CreateContext();

    public async Task<int> CountAsync<T>(System.Linq.Expressions.Expression<Func<T, bool>> where)
        where T : class
    {
        await using var db = Context();
        return await db.Set<T>().CountAsync(where);
    }

    /// <summary>The e-desk as the signed-in browser, addressed at <paramref name="address"/>.</summary>
    public HttpClient Desk(Uri address) => Keep(desk.Client(address));

    /// <summary>The phone's API with its current access token, addressed at <paramref name="address"/>.</summary>
    public HttpClient Api(Uri address)
    {
        var client = Raw(address);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public async Task<TokenResponse> SignInAsync(LaobaoApiClient api)
    {
        var nonce = await api.ChallengeAsync(DeviceId);
        return await api.SignInAsync(new SignInRequest(Email, Password, DeviceId, nonce.Nonce, PhoneKey.Sign(key, DeviceProof.LoginText(nonce.Nonce, DeviceId))));
    }

    public async Task<TokenResponse> RefreshAsync(HttpClient client, string refreshToken)
    {
        var api = new LaobaoApiClient(client);
        var nonce = await api.ChallengeAsync(DeviceId);
        return await api.RefreshAsync(new RefreshRequest(refreshToken, DeviceId, nonce.Nonce, PhoneKey.Sign(key, DeviceProof.LoginText(nonce.Nonce, DeviceId))));
    }

    /// <summary>Links another phone through the e-desk (which queues the "new device" mail).</summary>
    public async Task LinkSecondPhoneAsync()
    {
        var (_, second) = await LinkAsync();
        second.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        key?.Dispose();
        await Deployment.DisposeAsync();
        await Smtp.DisposeAsync();
        await cards.DisposeAsync();
    }

    private async Task<(Guid DeviceId, ECDsa Key)> LinkAsync()
    {
        var balancer = Desk(Deployment.Balancer);
        var token = await DeployJourneyTests.TokenAsync(balancer, "/desk/devices");
        var ticketResponse = await DeployJourneyTests.PostJsonAsync(balancer, DeviceLinkingDeskApi.TicketPath, new { }, token);
        Assert.True(ticketResponse.StatusCode == HttpStatusCode.OK, await ticketResponse.Content.ReadAsStringAsync());
        var ticket = (await ticketResponse.Content.ReadFromJsonAsync<DeskTicketView>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
        var origin = Deployment.Balancer.GetLeftPart(UriPartial.Authority);
        var value = QrDecoder.DecodeDataUri(ticket.Qr)[(origin + "/app/#link=").Length..];
        var phoneKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var api = new LaobaoApiClient(Raw(Deployment.Balancer));
        var accepted = await api.LinkDeviceAsync(new DeviceLinkRequest(value, PhoneKey.PublicKey(phoneKey), "Pixel 9", "android", PhoneKey.Sign(phoneKey, DeviceProof.LinkText(value))));
        var confirm = await DeployJourneyTests.PostJsonAsync(balancer, DeviceLinkingDeskApi.ConfirmPath, new DeskConfirmRequest(accepted.LinkId, accepted.MatchNumber), token);
        Assert.True(confirm.StatusCode == HttpStatusCode.OK, await confirm.Content.ReadAsStringAsync());
        return ((await api.GetDeviceLinkAsync(accepted.LinkId)).DeviceId!.Value, phoneKey);
    }

    private HttpClient Raw(Uri address) => Keep(new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) });

    private HttpClient Keep(HttpClient client)
    {
        lock (clients)
        {
            clients.Add(client);
        }

        return client;
    }
}
