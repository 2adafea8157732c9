extern alias ops;

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ops::Laobao.Ops.Pki;
using Laobao.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Laobao.Web.Tests.Security;

/// <summary>
/// A development PKI (demo root → demo "MOICA" → cards) with its CRLs served on loopback and its CA
/// certificates written as trust files for the e-desk's configuration.
/// </summary>
internal sealed class CardWorld : IAsyncDisposable
{
    private readonly string folder;

    private CardWorld(FakeTimeProvider time, LoopbackCrlServer crls, DevelopmentPki pki, string folder)
    {
        Time = time;
        Crls = crls;
        Pki = pki;
        this.folder = folder;
        RootFile = Path.Combine(folder, "root.pem");
        IntermediateFile = Path.Combine(folder, "moica.cer");
        // PEM for one, DER for the other: the e-desk must read both forms.
        File.WriteAllText(RootFile, pki.Root.ExportCertificatePem());
        File.WriteAllBytes(IntermediateFile, pki.Intermediate.Export(X509ContentType.Cert));
    }

    public FakeTimeProvider Time { get; }

    public LoopbackCrlServer Crls { get; }

    public DevelopmentPki Pki { get; }

    public string RootFile { get; }

    public string IntermediateFile { get; }

    public static CardWorld Create(FakeTimeProvider? time = null)
    {
        time ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        var crls = new LoopbackCrlServer();
        var pki = DevelopmentPki.Create(DevelopmentPkiSettings.ForBaseUrl(crls.BaseUrl), time);
        var folder = Directory.CreateTempSubdirectory("laobao-cardworld-").FullName;
        var world = new CardWorld(time, crls, pki, folder);
        world.PublishCrls();
        return world;
    }

    /// <summary>Publishes both CRLs, by default valid for a day from now.</summary>
    public void PublishCrls(DateTimeOffset? thisUpdate = null, DateTimeOffset? nextUpdate = null)
    {
        var from = thisUpdate ?? Time.GetUtcNow().AddMinutes(-5);
        var until = nextUpdate ?? from.AddDays(1);
        Crls.Publish(DevelopmentPkiSettings.MoicaCrlFileName, Pki.CreateMoicaCrl(from, until));
        Crls.Publish(DevelopmentPkiSettings.RootCrlFileName, Pki.CreateRootCrl(from, until));
    }

    public X509Certificate2 IssueCard(string idNumber, string name = "王小明", Func<CardCertificateRequest, CardCertificateRequest>? shape = null)
    {
        var request = new CardCertificateRequest(name, idNumber);
        return Pki.IssueCard(shape is null ? request : shape(request));
    }

    public void Revoke(X509Certificate2 card)
    {
        Pki.Revoke(card.SerialNumber);
        PublishCrls();
    }

    public async ValueTask DisposeAsync()
    {
        await Crls.DisposeAsync();
        Pki.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    public static RSA NewKey() => RSA.Create(2048);
}
