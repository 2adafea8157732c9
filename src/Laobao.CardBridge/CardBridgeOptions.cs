using Laobao.CardBridge.Protocol;

namespace Laobao.CardBridge;

/// <summary>Settings of the bridge (section <c>CardBridge</c>; environment variables <c>CardBridge__Url</c> …).</summary>
public sealed class CardBridgeOptions
{
    public const string Section = "CardBridge";

    /// <summary>Where the bridge listens; HiPKI's address by default. Only loopback addresses are accepted.</summary>
    public string Url { get; set; } = "http://127.0.0.1:61161";

    /// <summary>Origins (<c>https://host[:port]</c>, or <c>https://*.example.tw</c> for sub-domains) allowed to use the card.</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>Path of the card middleware's PKCS#11 module (e.g. HiCOS, OpenSC, SoftHSM2).</summary>
    public string? Pkcs11Module { get; set; }

    /// <summary>Demo only: a folder of PKCS#12 files, each standing for one card whose PIN is the file's password.</summary>
    public string? Pkcs12Folder { get; set; }

    /// <summary>Wrong PINs in a row after which the bridge refuses a card until it restarts.</summary>
    public int MaxWrongPins { get; set; } = 3;

    /// <summary>Why these settings cannot run, or null when they can.</summary>
    public string? Problem()
    {
        var hasModule = !string.IsNullOrWhiteSpace(Pkcs11Module);
        var hasFolder = !string.IsNullOrWhiteSpace(Pkcs12Folder);
        if (hasModule == hasFolder)
        {
            return "set exactly one of CardBridge:Pkcs11Module (the card middleware's PKCS#11 library) or CardBridge:Pkcs12Folder (demo PKCS#12 cards)";
        }

        if (hasFolder && !Directory.Exists(Pkcs12Folder))
        {
            return $"CardBridge:Pkcs12Folder '{Pkcs12Folder}' is not a folder";
        }

        if (MaxWrongPins is < 1 or > 10)
        {
            return "CardBridge:MaxWrongPins must be between 1 and 10";
        }

        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp || !url.IsLoopback)
        {
            return $"CardBridge:Url '{Url}' must be an http address on the loopback interface (127.0.0.1)";
        }

        foreach (var origin in AllowedOrigins)
        {
            if (SiteAllowListPattern.Parse(origin) is null)
            {
                return $"CardBridge:AllowedOrigins entry '{origin}' is not an origin like https://desk.example.tw";
            }
        }

        return null;
    }
}
