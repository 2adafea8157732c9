using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Laobao.Client;
using Laobao.Domain.Dates;
using Laobao.Web.Data;
using Laobao.Web.Features.DeviceLinking;
using Laobao.Web.Mail;
using Laobao.Web.Security.Cards;
using Laobao.Web.Tests.Features.DeviceLinking;
using Laobao.Web.Tests.Features.MobileAccount.Support;
using Laobao.Web.Tests.Features.MobileApi;
using Laobao.Web.Tests.Mail;
using Laobao.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using AccountDesk = Laobao.Web.Tests.Features.MobileAccount.Support.DeskBrowser;
using CardDesk = Laobao.Web.Tests.Security.DeskBrowser;

namespace Laobao.Web.Tests.Deploy;

/// <summary>
/// Issue 19's first must-show: deploy/run.sh (PostgreSQL primary + streaming replica, two Production nodes, HAProxy)
/// and the seed's journey through it with consecutive steps sent on purpose to different nodes — card challenge on
/// A and signature on B, application on A and activation on B, QR ticket drawn on A and presented on B, API sign-in
/// on A and refresh on B — the rest through the balancer; failed sign-ins counted across both nodes; each mail sent
/// once while both nodes' outboxes run. Nothing a request needs lives in one node's memory.
/// </summary>
public sealed partial class DeployJourneyTests
{
    private const string Email = "wang.hsiao-ming@example.tw";
    private const string Password = AccountSteps.GoodPassword;

    [Fact]
    public async Task TheSeedJourneyRunsThroughTheBalancerWithConsecutiveStepsOnDifferentNodes()
    {
        await using var cards = CardWorld.Create();
        await using var smtp = await SmtpCaptureServer.StartNewAsync();
        await using var deployment = await ReferenceDeployment.StartAsync(NodeSettings(cards, smtp));
        try
        {
            await RunJourneyAsync(deployment, cards, smtp);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"{exception.Message}\n{deployment.Output}\n{deployment.Logs()}", exception);
        }

        // Stopping the script stops everything it started: both nodes, the balancer and both PostgreSQL servers.
        var nodes = new[] { deployment.NodePid(0), deployment.NodePid(1) };
        Assert.True(await deployment.StopAsync(TimeSpan.FromSeconds(60)), "deploy/run.sh did not stop:\n" + deployment.Output);
        Assert.All(nodes, pid => Assert.False(ReferenceDeployment.IsRunning(pid), $"node {pid} still runs"));
        Assert.False(File.Exists(Path.Combine(deployment.State, "primary", "postmaster.pid")), "the primary still runs");
        Assert.False(File.Exists(Path.Combine(deployment.State, "replica", "postmaster.pid")), "the replica still runs");
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => probe.GetAsync(new Uri(deployment.Balancer, "healthz/live")));
    }

    internal static Dictionary<string, string> NodeSettings(CardWorld cards, SmtpCaptureServer smtp) => new()
    {
        ["CardTrust__Roots__0"] = cards.RootFile,
        ["CardTrust__Intermediates__0"] = cards.IntermediateFile,
        ["CardTrust__AllowDevelopmentRoots"] = "true",
        ["CardTrust__RevocationTimeout"] = "00:00:05",
        ["Mail__LocalMailbox"] = "false",
        ["Mail__Smtp__Host"] = "127.0.0.1",
        ["Mail__Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Mail__Smtp__Security"] = "None",
        ["Mail__From"] = "no-reply@laobao.test",
        ["Mail__PollInterval"] = "00:00:00.200",
        ["SignInLimits__PerIdNumber"] = "3",
        ["Metrics__Prometheus"] = "true",
        ["Logging__Console__FormatterName"] = "simple",
    };

    /// <summary>The hand-made persons (王小明 with two careers) written into the deployment's primary.</summary>
    internal static async Task SeedAsync(ReferenceDeployment deployment)
    {
        await using var db = new DatabaseSettings(DatabaseProvider.Postgres, deployment.PrimaryConnectionString).CreateContext();
        await People.AddAsync(db);
    }

    private static async Task RunJourneyAsync(ReferenceDeployment deployment, CardWorld cards, SmtpCaptureServer smtp)
    {
        await SeedAsync(deployment);
        var holder = new CardHolder(People.Wang, "王小明", new DateOnly(1971, 1, 2), cards.IssueCard(People.Wang, "王小明"));
        var jar = new SharedCookieJar();
        using var a = jar.Client(deployment.Nodes[0]);
        using var b = jar.Client(deployment.Nodes[1]);
        using var balancer = jar.Client(deployment.Balancer);

        // Card sign-in: the login page through the balancer, the challenge from A, the signed answer to B.
        var token = await TokenAsync(balancer, "/desk/login");
        var challenge = await PostJsonAsync(a, "/desk/api/card-login/challenge", new { idNumber = holder.IdNumber }, token);
        Assert.Equal(HttpStatusCode.OK, challenge.StatusCode);
        var tbs = (await challenge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tbs").GetString()!;
        var login = await PostJsonAsync(b, "/desk/api/card-login", new { idNumber = holder.IdNumber, birthDate = RocDate.ToCompact(holder.BirthDate), signature = AccountDesk.Sign(holder, tbs) }, token);
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"card sign-in on node B with node A's challenge: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        var home = await balancer.GetAsync(new Uri("/desk", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);

        // 同意條款內容 on B, 建立服務帳號: challenge from B, the signed application to A.
        var terms = await TokenAsync(b, "/desk/accounts/terms");
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(b, "/desk/accounts/terms", new Dictionary<string, string>(), terms)).StatusCode);
        var apply = await TokenAsync(balancer, "/desk/accounts/apply");
        var applicationChallenge = await PostJsonAsync(b, "/desk/api/accounts/application/challenge", AccountSteps.Form(Email, Password), apply);
        Assert.True(applicationChallenge.StatusCode == HttpStatusCode.OK, await applicationChallenge.Content.ReadAsStringAsync());
        var applicationText = (await applicationChallenge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tbs").GetString()!;
        var application = await PostJsonAsync(a, "/desk/api/accounts/application",
            new { email = Email, password = Password, confirmPassword = Password, mobile = "", signature = AccountDesk.Sign(holder, applicationText) }, apply);
        Assert.True(application.StatusCode == HttpStatusCode.OK, $"application on node A: {(int)application.StatusCode} {await application.Content.ReadAsStringAsync()}");

        // The code arrives by SMTP (whichever node's outbox took it); 帳號啟用 on B.
        var code = AccountSteps.CodeIn(Assert.Single(await smtp.WaitForAsync(Email, 1, TimeSpan.FromSeconds(60))));
        var activate = await TokenAsync(a, "/desk/accounts/activate");
        var activated = await PostFormAsync(b, "/desk/accounts/activate?handler=Activate", new Dictionary<string, string> { ["code"] = code }, activate);
        Assert.True(activated.StatusCode == HttpStatusCode.Redirect, $"activation on node B: {(int)activated.StatusCode} {await activated.Content.ReadAsStringAsync()}");
        Assert.Equal("/desk/accounts?done=activated", activated.Headers.Location?.OriginalString);

        // 認證裝置: the QR ticket drawn on A, presented by the phone to B, the number picked through the balancer.
        var devices = await TokenAsync(balancer, "/desk/devices");
        var ticketResponse = await PostJsonAsync(a, DeviceLinkingDeskApi.TicketPath, new { }, devices);
        Assert.True(ticketResponse.StatusCode == HttpStatusCode.OK, await ticketResponse.Content.ReadAsStringAsync());
        var ticket = (await ticketResponse.Content.ReadFromJsonAsync<DeskTicketView>(Web))!;
        var url = QrDecoder.DecodeDataUri(ticket.Qr);
        var origin = deployment.Balancer.GetLeftPart(UriPartial.Authority);
        Assert.StartsWith(origin + "/app/#link=", url, StringComparison.Ordinal);
        var value = url[(origin + "/app/#link=").Length..];
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var phoneA = new HttpClient { BaseAddress = deployment.Nodes[0] };
        using var phoneB = new HttpClient { BaseAddress = deployment.Nodes[1] };
        using var phoneBalanced = new HttpClient { BaseAddress = deployment.Balancer };
        var apiA = new LaobaoApiClient(phoneA);
        var apiB = new LaobaoApiClient(phoneB);
        var api = new LaobaoApiClient(phoneBalanced);
        var accepted = await apiB.LinkDeviceAsync(new DeviceLinkRequest(value, PhoneKey.PublicKey(key), "Pixel 9", "android", PhoneKey.Sign(key, DeviceProof.LinkText(value))));
        var pendingResponse = await balancer.GetAsync(new Uri(DeviceLinkingDeskApi.PendingPath, UriKind.Relative));
        var pending = (await pendingResponse.Content.ReadFromJsonAsync<PendingLink>(Web))!;
        Assert.Equal(accepted.LinkId, pending.LinkId);
        var confirm = await PostJsonAsync(a, DeviceLinkingDeskApi.ConfirmPath, new DeskConfirmRequest(accepted.LinkId, accepted.MatchNumber), devices);
        Assert.Equal(DeviceLinkStatuses.Linked, (await confirm.Content.ReadFromJsonAsync<DeskConfirmView>(Web))!.Status);
        var deviceId = (await apiB.GetDeviceLinkAsync(accepted.LinkId)).DeviceId!.Value;

        // API sign-in: the nonce from B, the sign-in on A; refresh: the nonce from A, the refresh on B.
        var nonce = await apiB.ChallengeAsync(deviceId);
        var tokens = await apiA.SignInAsync(new SignInRequest(Email, Password, deviceId, nonce.Nonce, PhoneKey.Sign(key, DeviceProof.LoginText(nonce.Nonce, deviceId))));
        var refreshNonce = await apiA.ChallengeAsync(deviceId);
        var refreshed = await apiB.RefreshAsync(new RefreshRequest(tokens.RefreshToken, deviceId, refreshNonce.Nonce, PhoneKey.Sign(key, DeviceProof.LoginText(refreshNonce.Nonce, deviceId))));
        Assert.NotEqual(tokens.RefreshToken, refreshed.RefreshToken);

        // 投保資料查詢 and 勞工退休金個人專戶查詢 through the balancer and on each node: the same figures everywhere.
        var coverage = JsonSerializer.Serialize(await api.GetCoverageAsync(refreshed.AccessToken));
        Assert.Equal(3, (await api.GetCoverageAsync(refreshed.AccessToken)).Periods.Count);
        Assert.Equal(coverage, JsonSerializer.Serialize(await apiA.GetCoverageAsync(refreshed.AccessToken)));
        Assert.Equal(coverage, JsonSerializer.Serialize(await apiB.GetCoverageAsync(refreshed.AccessToken)));
        Assert.Equal(6990L, (await api.GetPensionAsync(refreshed.AccessToken)).Totals.Balance);
        var served = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 4; i++)
        {
            using var page = await balancer.GetAsync(new Uri("/desk/inquiry/coverage", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("甲公司", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            served.Add(NodeHeader.Of(page) ?? "?");
        }

        Assert.True(served.SetEquals(["node1", "node2"]), $"the balancer did not send the e-desk to both nodes: {string.Join(", ", served)}");

        // Failed card sign-ins for one ID number count across both nodes: three (A, B, A), then B refuses.
        var other = new SharedCookieJar();
        using var otherA = other.Client(deployment.Nodes[0]);
        using var otherB = other.Client(deployment.Nodes[1]);
        var otherToken = await TokenAsync(otherA, "/desk/login");
        foreach (var node in new[] { otherA, otherB, otherA })
        {
            var refused = await PostJsonAsync(node, "/desk/api/card-login", new { idNumber = People.Chen, birthDate = "0490506", signature = "AA==" }, otherToken);
            Assert.Equal(CardCheckCodes.RequestMalformed, await CardDesk.ProblemCodeAsync(refused));
        }

        var limited = await PostJsonAsync(otherB, "/desk/api/card-login", new { idNumber = People.Chen, birthDate = "0490506", signature = "AA==" }, otherToken);
        Assert.Equal(CardCheckCodes.RateLimited, await CardDesk.ProblemCodeAsync(limited));

        // Each mail went out once although both nodes' outboxes ran all along: the code, the "activated" notice and
        // the "new device" notice.
        var mails = await smtp.WaitForAsync(Email, 3, TimeSpan.FromSeconds(60));
        await using (var db = new DatabaseSettings(DatabaseProvider.Postgres, deployment.PrimaryConnectionString).CreateContext())
        {
            var rows = await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.ToAddress == Email).ToListAsync();
            Assert.Equal(3, rows.Count);
            Assert.All(rows, r => Assert.True(r.SentAt is not null && r.Attempts == 1, $"outbox row {r.Id} ({r.Template}): sent {r.SentAt}, attempts {r.Attempts}"));
        }

        // Several more poll rounds of both nodes: nothing more arrives.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(3, smtp.MessagesTo(Email).Count);
        Assert.Equal(3, mails.Select(m => m.MessageId).Distinct(StringComparer.Ordinal).Count());

        // Each node's /metrics (loopback is on the allow-list) counts what it served, and names nobody.
        using var scrape = new HttpClient();
        var metrics = string.Concat(await Task.WhenAll(deployment.Nodes.Select(node => scrape.GetStringAsync(new Uri(node, "metrics")))));
        foreach (var series in new[] { "laobao_sign_ins_total{", "laobao_card_check_failures_total{", "laobao_activation_codes_sent_total", "laobao_mail_sent_total{", "laobao_inquiry_duration_seconds_count{", "laobao_replica_lag_seconds" })
        {
            Assert.Contains(series, metrics, StringComparison.Ordinal);
        }

        foreach (var secret in new[] { People.Wang, People.Chen, "A12****789", Email, Password, code, tokens.AccessToken, tokens.RefreshToken, refreshed.AccessToken, refreshed.RefreshToken })
        {
            Assert.DoesNotContain(secret, metrics, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    internal static async Task<string> TokenAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{client.BaseAddress}{path.TrimStart('/')} answered {(int)response.StatusCode} {response.Headers.Location}");
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"{path} carries no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    internal static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, object body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", token);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string token)
    {
        fields["__RequestVerificationToken"] = token;
        using var content = new FormUrlEncodedContent(fields);
        var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
