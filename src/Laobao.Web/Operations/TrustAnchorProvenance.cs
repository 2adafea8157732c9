using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Laobao.Web.Features.Demo;
using Laobao.Web.Security.Cards;

namespace Laobao.Web.Operations;

/// <summary>
/// Production once accepted the development root ("Laobao Demo Root CA") without a word. At start every configured
/// root that is not a published government root gets a warning; a development root (made by <c>laobao pki</c>) is
/// refused outside Development, Demo and the test hosts unless <c>CardTrust:AllowDevelopmentRoots</c> is true.
/// </summary>
public sealed partial class TrustAnchorProvenance(
    CardTrustAnchors anchors,
    IHostEnvironment environment,
    IConfiguration configuration,
    ILogger<TrustAnchorProvenance> logger) : IHostedService
{
    public const string AllowDevelopmentRootsKey = "CardTrust:AllowDevelopmentRoots";

    /// <summary>Subject common name prefix of the roots <c>laobao pki</c> makes (src/Laobao.Ops/Pki/DevelopmentPki.cs).</summary>
    public const string DevelopmentRootName = "Laobao Demo Root CA";

    /// <summary>SHA-256 of the published government roots (config/trust/README.md): GRCA G3.</summary>
    private static readonly HashSet<string> ProductionRoots = new(StringComparer.OrdinalIgnoreCase)
    {
        "57df6f20e04c588e85f35be8832f5d4e78958336ae3b18fb7c9bae0dfead4044",
    };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var allowDevelopment = configuration.GetValue<bool>(AllowDevelopmentRootsKey)
            || environment.IsDevelopment()
            || environment.IsEnvironment(DemoHosting.EnvironmentName)
            || environment.IsEnvironment("Testing");
        foreach (var root in anchors.Roots)
        {
            if (IsProductionRoot(root))
            {
                continue;
            }

            if (IsDevelopmentRoot(root) && !allowDevelopment)
            {
                throw new InvalidOperationException(
                    $"CardTrust:Roots holds the development root '{root.Subject}', refused in {environment.EnvironmentName}; " +
                    $"remove it, or set {AllowDevelopmentRootsKey}=true on a test installation.");
            }

            LogNotProductionRoot(logger, root.Subject, Convert.ToHexStringLower(SHA256.HashData(root.RawData)));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static bool IsProductionRoot(X509Certificate2 root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return ProductionRoots.Contains(Convert.ToHexStringLower(SHA256.HashData(root.RawData)));
    }

    public static bool IsDevelopmentRoot(X509Certificate2 root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.GetNameInfo(X509NameType.SimpleName, forIssuer: false).StartsWith(DevelopmentRootName, StringComparison.Ordinal);
    }

    [LoggerMessage(EventId = 1900, Level = LogLevel.Warning, Message = "Card trust root {Subject} (SHA-256 {Sha256}) is not a published government root: cards it issued are accepted")]
    private static partial void LogNotProductionRoot(ILogger logger, string subject, string sha256);
}
