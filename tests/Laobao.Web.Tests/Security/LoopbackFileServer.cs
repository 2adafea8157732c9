using System.Net;
using System.Net.Sockets;

namespace Laobao.Web.Tests.Security;

/// <summary>
/// Serves CRL files on 127.0.0.1 like a CA's distribution point. Each server has a unique path, so .NET's
/// per-URL CRL cache never hands a test another test's (or another run's) CRL.
/// </summary>
internal sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Dictionary<string, byte[]> files = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public LoopbackFileServer()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            BaseUrl = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/crl/{Guid.NewGuid():N}/";
            probe.Stop();
        }

        listener.Prefixes.Add(BaseUrl);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    /// <summary>How many requests arrived; lets a test show the CRL was really fetched.</summary>
    public int Requests { get; private set; }

    public void Publish(string fileName, byte[] content)
    {
        lock (files)
        {
            files[fileName] = content;
        }
    }

    public void Withdraw(string fileName)
    {
        lock (files)
        {
            files.Remove(fileName);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        listener.Close();
        stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }

            byte[]? content;
            lock (files)
            {
                Requests++;
                files.TryGetValue(context.Request.Url!.AbsolutePath.Split('/')[^1], out content);
            }

            if (content is null)
            {
                context.Response.StatusCode = 404;
            }
            else
            {
                context.Response.ContentType = "application/pkix-crl";
                await context.Response.OutputStream.WriteAsync(content);
            }

            context.Response.Close();
        }
    }
}
