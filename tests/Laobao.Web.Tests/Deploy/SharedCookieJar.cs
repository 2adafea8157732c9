using System.Net;

namespace Laobao.Web.Tests.Deploy;

/// <summary>
/// One browser's cookies, sent whichever address a request goes to: node A, node B or the balancer are one site to
/// the person. (.NET's CookieContainer keys cookies by host and port and keeps Secure cookies off plain HTTP, while
/// a browser on the loopback demo origin sends them.)
/// </summary>
internal sealed class SharedCookieJar
{
    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

    /// <summary>An HTTP client for <paramref name="address"/> that carries this jar's cookies.</summary>
    public HttpClient Client(Uri address) => new(new Handler(this) { InnerHandler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false } })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(60),
    };

    private string? Header()
    {
        lock (cookies)
        {
            return cookies.Count == 0 ? null : string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value));
        }
    }

    private void Take(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return;
        }

        lock (cookies)
        {
            foreach (var value in values)
            {
                var first = value.Split(';')[0];
                var equals = first.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    continue;
                }

                var name = first[..equals].Trim();
                var content = first[(equals + 1)..].Trim();
                var expired = value.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)
                              || value.Contains("max-age=0", StringComparison.OrdinalIgnoreCase);
                if (expired || content.Length == 0)
                {
                    cookies.Remove(name);
                }
                else
                {
                    cookies[name] = content;
                }
            }
        }
    }

    private sealed class Handler(SharedCookieJar jar) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (jar.Header() is { } header)
            {
                request.Headers.Remove("Cookie");
                request.Headers.TryAddWithoutValidation("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            jar.Take(response);
            return response;
        }
    }
}

/// <summary>Which node a balanced answer came from (HAProxy's X-Laobao-Node header).</summary>
internal static class NodeHeader
{
    public static string? Of(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Laobao-Node", out var values) ? values.FirstOrDefault() : null;

    public static bool IsOk(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.OK;
}
