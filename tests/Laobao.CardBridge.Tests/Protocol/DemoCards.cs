using System.Security.Cryptography.X509Certificates;

namespace Laobao.CardBridge.Tests.Protocol;

/// <summary>A folder with one demo card (PKCS#12, PIN 246810) minted by <c>laobao pki issue-card --p12</c>.</summary>
public sealed class DemoCards : IDisposable
{
    public const string Pin = "246810";
    public const string FileName = "chen.p12";
    private readonly CardIssuer issuer = new();

    public DemoCards()
    {
        Folder = Path.Combine(issuer.Folder, "cards");
        Directory.CreateDirectory(Folder);
        Card = issuer.IssueToFile(Folder, FileName, Pin);
    }

    public string Folder { get; }

    public X509Certificate2 Card { get; }

    public Task<BridgeHost> StartBridgeAsync() =>
        BridgeHost.StartAsync(new Dictionary<string, string?> { ["CardBridge:Pkcs12Folder"] = Folder });

    public void Dispose() => issuer.Dispose();
}
