using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Laobao.Client;
using Laobao.Web.Data;
using Laobao.Web.Localization;
using Laobao.Web.Mail;
using Laobao.Web.Operations.Telemetry;
using Laobao.Web.Security.Cards;
using Laobao.Web.Tests.Features.MobileApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Laobao.Web.Tests.Operations;

/// <summary>
/// SPEC §13 telemetry after a journey on PostgreSQL: /metrics (Prometheus text) shows Laobao's meters beside the
/// request and database figures, only to the allow-list; and no metric label or span attribute holds an ID number,
/// an email or a token.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task AfterAJourneyMetricsShowLaobaosMetersAndNoLabelOrSpanHoldsPersonalData()
    {
        var spans = new List<Activity>();
        await using var world = await MobileWorld.CreateAsync(
            DatabaseProvider.Postgres,
            settings: new Dictionary<string, string>
            {
                ["Metrics:Prometheus"] = "true",
                ["Telemetry:Tracing"] = "true",
                ["Mail:LocalMailbox"] = "true",
                ["Mail:PollInterval"] = "00:00:01",
            },
            configureServices: services => services.ConfigureOpenTelemetryTracerProvider(traces => traces.AddInMemoryExporter(spans)));

        // The journey: a refused card sign-in, a phone linked, a wrong and a right mobile sign-in, a refresh,
        // coverage and pension read on the API and coverage on the e-desk, an activation code mailed.
        using var card = new Security.DeskBrowser(world.Http());
        var refused = await card.LoginAsync(People.Wang, "0600102", "AA==");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var phone = await world.LinkPhoneAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => phone.SignInAsync(password: "not the password at all"));
        var tokens = await phone.SignInAsync();
        var refreshed = await phone.RefreshAsync(tokens.RefreshToken);
        var api = world.Http();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("api/v1/me/coverage", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("api/v1/me/pension", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.Desk.Http.GetAsync(new Uri("desk/inquiry/coverage", UriKind.Relative))).StatusCode);
        long mailId;
        using (var scope = world.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LaobaoDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
            var message = outbox.Add(db, Accounts.WangEmail, MailTemplate.ActivationCode, UiLanguage.ZhTw, new Dictionary<string, string> { ["code"] = "123456", ["minutes"] = "10" });
            await db.SaveChangesAsync();
            mailId = message.Id;
            outbox.Wake();
        }

        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await using var db = world.Database.Context();
            if (await db.Set<OutboxMessage>().AnyAsync(m => m.Id == mailId && m.SentAt != null))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < until, "the activation code mail was not sent");
            await Task.Delay(200);
        }

        // Only the allow-list (loopback by default) may read the figures.
        Assert.Equal(HttpStatusCode.NotFound, (await world.Http("192.0.2.7").GetAsync(new Uri("metrics", UriKind.Relative))).StatusCode);
        var scrape = await world.Http("127.0.0.1").GetAsync(new Uri("metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var metrics = await scrape.Content.ReadAsStringAsync();

        AssertSeries(metrics, "laobao_sign_ins_total", "method=\"card\"", $"outcome=\"{CardCheckCodes.RequestMalformed}\"");
        AssertSeries(metrics, "laobao_sign_ins_total", "method=\"mobile\"", "outcome=\"ok\"");
        AssertSeries(metrics, "laobao_sign_ins_total", "method=\"mobile\"", $"outcome=\"{ApiErrorCodes.CredentialsInvalid}\"");
        AssertSeries(metrics, "laobao_card_check_failures_total", $"code=\"{CardCheckCodes.RequestMalformed}\"");
        AssertSeries(metrics, "laobao_activation_codes_sent_total");
        AssertSeries(metrics, "laobao_mail_sent_total", "template=\"ActivationCode\"");
        AssertSeries(metrics, "laobao_outbox_depth");
        AssertSeries(metrics, "laobao_outbox_oldest_age_seconds");
        AssertSeries(metrics, "laobao_inquiry_duration_seconds_count", "kind=\"coverage\"", "channel=\"api\"");
        AssertSeries(metrics, "laobao_inquiry_duration_seconds_count", "kind=\"pension\"", "channel=\"api\"");
        AssertSeries(metrics, "laobao_inquiry_duration_seconds_count", "kind=\"coverage\"", "channel=\"desk\"");
        AssertSeries(metrics, "http_server_request_duration_seconds_count", "http_route=\"/api/v1/me/coverage\"");

        string[] secrets =
        [
            People.Wang, "A12****789", Accounts.WangEmail, Accounts.WangPassword, "not the password at all",
            tokens.AccessToken, tokens.RefreshToken, refreshed.AccessToken, refreshed.RefreshToken, "123456",
        ];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, metrics, StringComparison.OrdinalIgnoreCase);
        }

        // Spans: requests, HTTP calls and SQL, every attribute and name checked. The exporter keeps adding spans of
        // the background work (outbox rounds) while the test reads: read a copy (List.ToArray copies, it does not
        // enumerate, so a concurrent add cannot break it).
        var finished = spans.ToArray();
        Assert.Contains(finished, s => s.Source.Name == "Npgsql");
        Assert.Contains(finished, s => s.Kind == ActivityKind.Server && (s.GetTagItem("http.route") as string) == "/api/v1/me/coverage");
        foreach (var span in finished)
        {
            var texts = span.TagObjects.Select(t => $"{t.Key}={t.Value}")
                .Append(span.DisplayName)
                .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}").Append(e.Name)));
            foreach (var text in texts)
            {
                foreach (var secret in secrets)
                {
                    Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"span {span.DisplayName} carries personal data or a token in '{text}'");
                }
            }
        }
    }

    [Fact]
    public async Task TheOutboxFiguresAreReadOnlyWhenMetricsAreExported()
    {
        await using var quiet = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite);
        Assert.DoesNotContain(quiet.Factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is OutboxGauge);
        await using var exported = await MobileWorld.CreateAsync(DatabaseProvider.Sqlite, settings: new Dictionary<string, string> { ["Metrics:Prometheus"] = "true" });
        Assert.Contains(exported.Factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is OutboxGauge);
    }

    private static void AssertSeries(string metrics, string name, params string[] labels)
    {
        var found = metrics.Split('\n').Any(line =>
            (line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            && labels.All(label => line.Contains(label, StringComparison.Ordinal)));
        Assert.True(found, $"/metrics has no {name} with {string.Join(", ", labels)}:\n{string.Join('\n', metrics.Split('\n').Where(l => l.StartsWith("laobao", StringComparison.Ordinal)))}");
    }
}
