using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Laobao.Web.Tests.Deploy;

namespace Laobao.Web.Tests.Operations;

/// <summary>One answer the outage tests' traffic saw: through which door, the status, the problem code, and any failure.</summary>
internal sealed record TrafficAnswer(string Via, string Path, HttpStatusCode Status, string? RetryAfter, string? Code, string Body, string? Failure, DateTime At, string? Node);

/// <summary>
/// The steady traffic of the database-outage tests (one node in <see cref="StoreOutageTests"/>, the reference deployment in
/// <see cref="DeployFaultTests"/>): GET loops that record every answer, no request allowed to hang, and the waits for recovery.
/// </summary>
internal static class OutageTraffic
{
    public static async Task LoopAsync(string via, HttpClient client, string path, ConcurrentQueue<TrafficAnswer> answers, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            answers.Enqueue(await AskAsync(via, client, path));
            await Task.Delay(100, CancellationToken.None);
        }
    }

    public static async Task<TrafficAnswer> AskAsync(string via, HttpClient client, string path)
    {
        var at = DateTime.UtcNow;
        try
        {
            // No request may hang: past 30 s (Npgsql's connection timeout is 15 s) it counts as a failure.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), timeout.Token);
            var body = await response.Content.ReadAsStringAsync();
            string? code = null;
            if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
            {
                using var json = JsonDocument.Parse(body);
                code = json.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
            }

            var retryAfter = response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            return new TrafficAnswer(via, path, response.StatusCode, retryAfter, code, body, null, at, NodeHeader.Of(response) ?? via);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            // A hang past the timeout or a dropped connection: both count as failures.
            return new TrafficAnswer(via, path, 0, null, null, "", " (" + exception.GetType().Name + ": " + exception.Message + ")", at, null);
        }
    }

    /// <summary>Asks until the path answers 200; fails naming the path and the last answer once <paramref name="until"/> has passed.</summary>
    public static async Task WaitForOkAsync(HttpClient client, string path, DateTime until, TimeSpan recovery)
    {
        while (true)
        {
            var answer = await AskAsync("-", client, path);
            if (answer.Status == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < until, $"{client.BaseAddress}{path} did not serve again within {recovery} of the store's return (last {(int)answer.Status}{answer.Failure})");
            await Task.Delay(200);
        }
    }

    public static async Task WaitAsync(Func<Task<bool>> condition, DateTime until, string failure)
    {
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(250);
        }
    }
}
