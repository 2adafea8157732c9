using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Laobao.Web.Tests.Mail;

/// <summary>
/// A real SMTP server on 127.0.0.1 owned by the test: Debian's aiosmtpd with a tiny handler (smtp_capture.py)
/// that saves every accepted message to a folder. The test can stop it and start it again on the same port to
/// show that mail written during an outage is delivered afterwards.
/// </summary>
public sealed class SmtpCaptureServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private Process? process;

    public SmtpCaptureServer()
    {
        Port = FreePort();
        Folder = Directory.CreateTempSubdirectory("laobao-smtp-").FullName;
    }

    public int Port { get; }

    public string Folder { get; }

    public bool Running => process is { HasExited: false };

    public static async Task<SmtpCaptureServer> StartNewAsync()
    {
        var server = new SmtpCaptureServer();
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        if (Running)
        {
            return;
        }

        var script = Path.Combine(AppContext.BaseDirectory, "Mail", "smtp_capture.py");
        var probe = Process.Start(new ProcessStartInfo(Python, "-c \"import aiosmtpd\"") { RedirectStandardError = true, UseShellExecute = false });
        if (probe is null || !File.Exists(Python))
        {
            throw new InvalidOperationException($"The test SMTP server needs {Python}: apt-get install -y python3-aiosmtpd");
        }

        await probe.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (probe.ExitCode != 0)
        {
            throw new InvalidOperationException("The test SMTP server needs the aiosmtpd module: apt-get install -y python3-aiosmtpd");
        }

        // Standard input stays open and unused: when this process ends, however abruptly, the server sees end of file and stops.
        var start = new ProcessStartInfo(Python) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(Folder);
        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the test SMTP server.");
        var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (ready != "ready")
        {
            var error = await process.StandardError.ReadToEndAsync();
            throw new InvalidOperationException($"The test SMTP server did not start on 127.0.0.1:{Port}: {error}");
        }
    }

    /// <summary>Ends the server the way an outage does: connections to the port are refused from now on.</summary>
    public async Task StopAsync()
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        process.Dispose();
        process = null;
    }

    public IReadOnlyList<MimeMessage> Messages()
    {
        var files = Directory.GetFiles(Folder, "*.eml");
        Array.Sort(files, (a, b) => File.GetLastWriteTimeUtc(a).CompareTo(File.GetLastWriteTimeUtc(b)));
        return files.Select(file => MimeMessage.Load(file)).ToList();
    }

    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        Messages().Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    /// <summary>Waits until <paramref name="count"/> messages reached <paramref name="address"/>; fails with what did arrive.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var messages = MessagesTo(address);
            if (messages.Count >= count)
            {
                return messages;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} mail(s) to {address}; {messages.Count} arrived ({Messages().Count} in all).");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
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
