using System.Net;
using System.Net.Sockets;

namespace Laobao.Tests.Shared;

/// <summary>
/// Serves CRL files on 127.0.0.1 the way a CA's distribution point does. Every server gets a unique path, so
/// .NET's per-URL CRL cache ($HOME/.dotnet/corefx/cryptography/crls) never hands a test another test's (or
/// another run's) CRL. One source file, linked into each test project that needs it.
/// </summary>
internal sealed class LoopbackCrlServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly Dictionary<string, byte[]> files = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int requests;

    public LoopbackCrlServer()
    {
        BaseUrl = $"http://127.0.0.1:{FreePort()}/crl/{Guid.NewGuid():N}/";
        listener.Prefixes.Add(BaseUrl);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    /// <summary>How many requests arrived; lets a test show the CRL was really fetched.</summary>
    public int Requests => Volatile.Read(ref requests);

    public void Publish(string fileName, byte[] content)
    {
        lock (files)
        {
            files[fileName] = content;
        }
    }

    /// <summary>The distribution point stops serving the file: a fetch now gets 404, as when a CA's server is down.</summary>
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

            Interlocked.Increment(ref requests);
            var name = context.Request.Url!.AbsolutePath.Split('/')[^1];
            byte[]? content;
            lock (files)
            {
                files.TryGetValue(name, out content);
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

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }
}
