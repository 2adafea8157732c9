extern alias ops;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ops::Laobao.Ops.Pki;
using Laobao.Web.Security.Cards;

namespace Laobao.Web.Tests.Security.Cards;

/// <summary>
/// Revocation by OCSP against a real responder on loopback (<c>openssl ocsp</c> over a CA index made here): the card
/// certificates name only the responder (authority information access) and no CRL, so OCSP alone decides. Good signs
/// in; revoked is refused as revoked; unknown, a responder that is down, and an answer signed by a key that is not
/// the CA's are all refused as revocation-unknown (fail-closed).
/// </summary>
public sealed class OcspRevocationTests
{
    private const string Id = SignInScenario.IdNumber;

    [Fact]
    public async Task A_good_answer_signs_in()
    {
        await using var scenario = await SignInScenario.StartAsync();
        var port = FreePort();
        using var card = Issue(scenario, Url(port));
        await using var responder = await OcspResponder.StartAsync(scenario.World.Pki, port, [(card, false)]);

        var response = await SignInScenario.SignInAsync(scenario.App.NewBrowser(), card);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sign-in answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}\nthe responder logged:\n{responder.Log}");
        Assert.True(responder.Requests > 0, "the OCSP responder was never asked: " + responder.Log);
    }

    [Fact]
    public async Task A_revoked_answer_is_refused_as_revoked()
    {
        await using var scenario = await SignInScenario.StartAsync();
        var port = FreePort();
        using var card = Issue(scenario, Url(port));
        await using var responder = await OcspResponder.StartAsync(scenario.World.Pki, port, [(card, true)]);

        await AssertRefusedAsync(scenario, card, CardCheckCodes.CertificateRevoked, responder);
    }

    [Fact]
    public async Task An_unknown_answer_is_refused_as_revocation_unknown()
    {
        await using var scenario = await SignInScenario.StartAsync();
        var port = FreePort();
        using var card = Issue(scenario, Url(port));
        using var other = Issue(scenario, Url(port));
        // Only another card is in the responder's index: for this one it answers "unknown".
        await using var responder = await OcspResponder.StartAsync(scenario.World.Pki, port, [(other, false)]);

        await AssertRefusedAsync(scenario, card, CardCheckCodes.CertificateRevocationUnknown, responder);
    }

    [Fact]
    public async Task A_responder_that_is_down_is_refused_as_revocation_unknown()
    {
        await using var scenario = await SignInScenario.StartAsync();
        using var card = Issue(scenario, Url(FreePort()));

        await SignInScenario.AssertRefusedAsync(await SignInScenario.SignInAsync(scenario.App.NewBrowser(), card), CardCheckCodes.CertificateRevocationUnknown);
    }

    [Fact]
    public async Task An_answer_signed_by_another_key_is_refused_as_revocation_unknown()
    {
        await using var scenario = await SignInScenario.StartAsync();
        // An impostor with the CA's own name but a key of its own says "good".
        using var impostorKey = RSA.Create(2048);
        var impostorRequest = new CertificateRequest(scenario.World.Pki.Intermediate.SubjectName, impostorKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        impostorRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var impostor = impostorRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var port = FreePort();
        using var card = Issue(scenario, Url(port));
        await using var responder = await OcspResponder.StartAsync(scenario.World.Pki, port, [(card, false)], impostor);

        await AssertRefusedAsync(scenario, card, CardCheckCodes.CertificateRevocationUnknown, responder);
    }

    private static async Task AssertRefusedAsync(SignInScenario scenario, X509Certificate2 card, string code, OcspResponder responder)
    {
        var response = await SignInScenario.SignInAsync(scenario.App.NewBrowser(), card);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500 && body.Contains($"\"code\":\"{code}\"", StringComparison.Ordinal),
            $"expected {code}, the sign-in answered {response.StatusCode}: {body}\nthe responder logged:\n{responder.Log}");
        Assert.True(responder.Requests > 0, "the OCSP responder was never asked: " + responder.Log);
    }

    /// <summary>A card naming only the responder: no CRL distribution point, so OCSP is the only way to learn its status.</summary>
    private static X509Certificate2 Issue(SignInScenario scenario, string ocspUrl) =>
        scenario.World.IssueCard(Id, shape: r => r with { CrlUrl = "", OcspUrl = ocspUrl });

    private static string Url(int port) => $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/";

    internal static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    /// <summary><c>openssl ocsp</c> as a responder on 127.0.0.1, over an index file in the format of <c>openssl ca</c>.</summary>
    private sealed class OcspResponder : IAsyncDisposable
    {
        private readonly string folder;
        private readonly Process process;
        private readonly StringBuilder log = new();

        private OcspResponder(string folder, Process process)
        {
            this.folder = folder;
            this.process = process;
            process.OutputDataReceived += (_, e) => Line(e.Data);
            process.ErrorDataReceived += (_, e) => Line(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        /// <summary>Requests the responder logged (with -text each one prints "OCSP Request Data").</summary>
        public int Requests
        {
            get
            {
                lock (log)
                {
                    return log.ToString().Split("OCSP Request Data").Length - 1;
                }
            }
        }

        public string Log
        {
            get
            {
                lock (log)
                {
                    return log.ToString();
                }
            }
        }

        public static async Task<OcspResponder> StartAsync(DevelopmentPki pki, int port, (X509Certificate2 Card, bool Revoked)[] index, X509Certificate2? signer = null)
        {
            const string OpenSsl = "/usr/bin/openssl";
            Assert.True(File.Exists(OpenSsl), $"openssl is needed for the OCSP tests ({OpenSsl}): apt-get install -y openssl");
            var folder = Directory.CreateTempSubdirectory("laobao-ocsp-").FullName;
            var ca = Path.Combine(folder, "ca.pem");
            File.WriteAllText(ca, pki.Intermediate.ExportCertificatePem());
            var responderCert = signer ?? pki.Intermediate;
            var rsigner = Path.Combine(folder, "rsigner.pem");
            var rkey = Path.Combine(folder, "rkey.pem");
            File.WriteAllText(rsigner, responderCert.ExportCertificatePem());
            using (var key = responderCert.GetRSAPrivateKey() ?? throw new InvalidOperationException("the responder certificate has no private key"))
            {
                File.WriteAllText(rkey, key.ExportPkcs8PrivateKeyPem());
            }

            File.WriteAllText(Path.Combine(folder, "index.txt"), string.Concat(index.Select(e => IndexLine(e.Card, e.Revoked))));
            File.WriteAllText(Path.Combine(folder, "index.txt.attr"), "unique_subject = no\n");
            // stdbuf: the responder's -text log is line-buffered, so a failure message shows what it was asked.
            var start = new ProcessStartInfo("/usr/bin/stdbuf") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "-oL", "-eL", OpenSsl, "ocsp", "-index", Path.Combine(folder, "index.txt"), "-port", port.ToString(CultureInfo.InvariantCulture), "-rsigner", rsigner, "-rkey", rkey, "-CA", ca, "-nmin", "60", "-text", "-ignore_err" })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("openssl ocsp did not start");
            var responder = new OcspResponder(folder, process);
            // Ready once it says it waits for clients. (A probing connection would not do: the responder serves one
            // connection at a time and would sit on the probe until its read timeout.)
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!responder.Log.Contains("waiting for OCSP client connections", StringComparison.Ordinal))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    var log = responder.Log;
                    await responder.DisposeAsync();
                    throw new InvalidOperationException($"openssl ocsp did not start listening on port {port} within 30 s: {log}");
                }

                await Task.Delay(50);
            }

            return responder;
        }

        private static string IndexLine(X509Certificate2 card, bool revoked)
        {
            var expiry = card.NotAfter.ToUniversalTime().ToString("yyMMddHHmmss'Z'", CultureInfo.InvariantCulture);
            var revokedAt = revoked ? DateTime.UtcNow.AddHours(-1).ToString("yyMMddHHmmss'Z'", CultureInfo.InvariantCulture) + ",keyCompromise" : "";
            return $"{(revoked ? 'R' : 'V')}\t{expiry}\t{revokedAt}\t{card.SerialNumber}\tunknown\t/CN=card{card.SerialNumber}\n";
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }

            process.Dispose();
            Directory.Delete(folder, recursive: true);
        }

        private void Line(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
