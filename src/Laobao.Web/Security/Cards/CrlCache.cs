using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Laobao.Web.Security.Cards;

public enum CrlStatus
{
    /// <summary>A current CRL of the issuing CA does not list the certificate.</summary>
    Good,
    Revoked,
    /// <summary>No CRL named, none reachable, none current, or none that verifies: the status cannot be told.</summary>
    Unknown,
}

/// <summary>
/// The e-desk's own CRL cache, one per node (nodes share nothing here; each fetches the CRLs itself). Each CRL is
/// fetched from the certificate's distribution point, checked against the issuing CA's key and read once into a set
/// of serials (<see cref="RevocationList"/>); a lookup is then one hash of the serial, however long the list. A CRL is
/// fetched again in the background, one fetch at a time per CRL, every <see cref="CardTrustOptions.CrlRefreshInterval"/>
/// and more often as its next update nears, while the one in hand keeps answering; a fetch that returns the same bytes
/// is not read again. Past its next update a CRL answers nothing: callers then wait for the one fetch in flight (all
/// of them for the same one) and, if no current CRL comes of it, the status is unknown, which fail-closed refuses.
/// The platform chain engine's own revocation check is off (it re-read a 4.8 MB CRL for every chain it built, and
/// every chain built after an expiry downloaded the CRL again by itself).
/// </summary>
public sealed partial class CrlCache : IDisposable
{
    // Never fetch the same CRL more often than this in the background, however near its next update.
    private static readonly TimeSpan MinimumRecheck = TimeSpan.FromSeconds(5);

    // A CRL without a next update (RFC 5280 wants one) is taken as current this long after it was fetched.
    private static readonly TimeSpan NoNextUpdateValidity = TimeSpan.FromHours(1);

    // The CA's clock and ours differ a little: a CRL "from the future" by more than this is not current yet.
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    private static readonly HttpClient Http = new(new SocketsHttpHandler { MaxAutomaticRedirections = 3, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        // The real MOICA G3 CRL is about 5 MB; a distribution point that sends far more is not sending a CRL.
        MaxResponseContentBufferSize = 64 * 1024 * 1024,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly ConcurrentDictionary<(Uri Url, string Issuer), Entry> entries = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly TimeProvider time;
    private readonly ILogger<CrlCache> logger;
    private readonly TimeSpan fetchTimeout;
    private readonly TimeSpan refreshInterval;
    private long fetches;

    public CrlCache(IOptions<CardTrustOptions> options, TimeProvider time, ILogger<CrlCache> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.time = time;
        this.logger = logger;
        fetchTimeout = options.Value.RevocationTimeout;
        refreshInterval = options.Value.CrlRefreshInterval;
    }

    /// <summary>How many CRL downloads this node has made.</summary>
    public long Fetches => Interlocked.Read(ref fetches);

    /// <summary>The certificate's status in its issuer's CRL, from the first distribution point that gives a current one.</summary>
    public async ValueTask<CrlStatus> StatusAsync(X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);
        var points = DistributionPoints.Of(certificate);
        if (points.Count == 0)
        {
            return CrlStatus.Unknown;
        }

        var issuerKey = IssuerKey(issuer);
        foreach (var url in points)
        {
            var entry = entries.GetOrAdd((url, issuerKey), static (key, issuer) => new Entry(key.Url, X509CertificateLoader.LoadCertificate(issuer.RawDataMemory.Span)), issuer);
            var crl = await CurrentAsync(entry, cancellationToken);
            if (crl is not null && crl.Covers(certificate))
            {
                return crl.Lists(certificate.SerialNumberBytes) ? CrlStatus.Revoked : CrlStatus.Good;
            }
        }

        return CrlStatus.Unknown;
    }

    /// <summary>Waits for the fetches in flight; for tests that look at what a background refresh brought.</summary>
    internal async Task RefreshesSettledAsync()
    {
        foreach (var entry in entries.Values)
        {
            if (entry.InFlight is { } running)
            {
                await running;
            }
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
        foreach (var entry in entries.Values)
        {
            entry.Issuer.Dispose();
        }
    }

    private async ValueTask<RevocationList?> CurrentAsync(Entry entry, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var crl = entry.Current;
        if (crl is not null && IsCurrent(crl, entry.FetchedAt, now))
        {
            if (now >= entry.RefreshAt)
            {
                // The one in hand answers; the fetch goes on without this request.
                _ = entry.FetchOnce(FetchAsync, now).Fetch;
            }

            return crl;
        }

        // Just past its next update, while the one download of the successor runs: the list in hand answers, so the
        // first sign-in after an expiry does not stall the others — for at most the fetch timeout past the next update
        // (the same order as the clock skew allowed on OCSP answers), and only until a download fails: then, and
        // after that window, nothing answers but a current CRL (fail-closed as before).
        if (crl is { NextUpdate: { } next } && now < next + fetchTimeout && !(entry.FailedAt >= next))
        {
            _ = entry.FetchOnce(FetchAsync, now).Fetch;
            return crl;
        }

        // Missing or stale: wait for the fetch in flight (one for all callers). If that one had started before this
        // call (a background refresh that may have brought the old list again), wait for one fresh fetch more.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (fetch, startedAt) = entry.FetchOnce(FetchAsync, now);
            crl = await fetch.WaitAsync(cancellationToken);
            if (crl is not null && IsCurrent(crl, entry.FetchedAt, time.GetUtcNow()))
            {
                return crl;
            }

            if (startedAt >= now)
            {
                break;
            }
        }

        return null;
    }

    private static bool IsCurrent(RevocationList crl, DateTimeOffset fetchedAt, DateTimeOffset now) =>
        crl.ThisUpdate <= now + Skew && now < (crl.NextUpdate ?? fetchedAt + NoNextUpdateValidity);

    private async Task<RevocationList?> FetchAsync(Entry entry)
    {
        var previous = entry.Current;
        byte[] bytes;
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            limit.CancelAfter(fetchTimeout);
            Interlocked.Increment(ref fetches);
            bytes = await Http.GetByteArrayAsync(entry.Url, limit.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            LogFetchFailed(logger, entry.Url, e.Message);
            // The list in hand (if still current) keeps answering; the next background try waits a little.
            entry.Failed(time.GetUtcNow(), MinimumRecheck);
            return previous;
        }

        var now = time.GetUtcNow();
        if (previous is not null && bytes.AsSpan().SequenceEqual(previous.Bytes))
        {
            entry.Fetched(previous, now, NextRefresh(previous, now));
            return previous;
        }

        RevocationList crl;
        try
        {
            crl = RevocationList.Load(bytes, entry.Issuer, entry.Url);
        }
        catch (UnusableCrlException e)
        {
            LogUnusable(logger, entry.Url, e.Message);
            entry.Failed(now, MinimumRecheck);
            return previous;
        }

        // A CRL older than the one in hand (a stale mirror, a replay) does not replace it while that one is current.
        if (previous is not null && crl.Number < previous.Number && IsCurrent(previous, entry.FetchedAt, now))
        {
            LogOlder(logger, entry.Url, Text(crl.Number), Text(previous.Number));
            entry.Fetched(previous, entry.FetchedAt, NextRefresh(previous, now));
            return previous;
        }

        entry.Fetched(crl, now, NextRefresh(crl, now));
        LogLoaded(logger, entry.Url, Text(crl.Number), crl.Count, crl.NextUpdate?.ToString("u", CultureInfo.InvariantCulture) ?? "-");
        return crl;
    }

    /// <summary>Every refresh interval, and halfway to the next update when that comes sooner (so a CA that publishes its
    /// successor only at the last moment is still caught early), never sooner than <see cref="MinimumRecheck"/>.</summary>
    private DateTimeOffset NextRefresh(RevocationList crl, DateTimeOffset now)
    {
        var untilNext = (crl.NextUpdate ?? now + NoNextUpdateValidity) - now;
        var wait = TimeSpan.FromTicks(Math.Min(refreshInterval.Ticks, untilNext.Ticks / 2));
        return now + (wait < MinimumRecheck ? MinimumRecheck : wait);
    }

    private static string Text(System.Numerics.BigInteger? number) => number?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string IssuerKey(X509Certificate2 issuer) => Convert.ToHexString(SHA256.HashData(issuer.RawDataMemory.Span));

    /// <summary>One CRL of one CA at one address: the list in hand and the single fetch in flight.</summary>
    private sealed class Entry(Uri url, X509Certificate2 issuer)
    {
        private readonly Lock gate = new();
        private Task<RevocationList?>? inFlight;
        private volatile State state = new(null, DateTimeOffset.MinValue, DateTimeOffset.MinValue, null);
        private DateTimeOffset inFlightStartedAt;

        public Uri Url { get; } = url;

        /// <summary>A copy of the issuing CA's certificate, whose key must have signed the CRL.</summary>
        public X509Certificate2 Issuer { get; } = issuer;

        public RevocationList? Current => state.Crl;

        public DateTimeOffset FetchedAt => state.FetchedAt;

        public DateTimeOffset RefreshAt => state.RefreshAt;

        public Task<RevocationList?>? InFlight
        {
            get
            {
                lock (gate)
                {
                    return inFlight;
                }
            }
        }

        /// <summary>When the last download failed or brought an unusable CRL; null when the last one succeeded.</summary>
        public DateTimeOffset? FailedAt => state.FailedAt;

        public void Fetched(RevocationList crl, DateTimeOffset fetchedAt, DateTimeOffset refreshAt) => state = new State(crl, fetchedAt, refreshAt, null);

        public void Failed(DateTimeOffset at, TimeSpan retryAfter) => state = state with { RefreshAt = at + retryAfter, FailedAt = at };

        /// <summary>The fetch in flight, or a new one: never two at once for the same CRL. Also says when it started.</summary>
        public (Task<RevocationList?> Fetch, DateTimeOffset StartedAt) FetchOnce(Func<Entry, Task<RevocationList?>> fetch, DateTimeOffset now)
        {
            lock (gate)
            {
                if (inFlight is { IsCompleted: false } running)
                {
                    return (running, inFlightStartedAt);
                }

                // Off the caller's thread: the download and the reading of a long list are nobody's request.
                inFlight = Task.Run(() => fetch(this));
                inFlightStartedAt = now;
                return (inFlight, now);
            }
        }

        private sealed record State(RevocationList? Crl, DateTimeOffset FetchedAt, DateTimeOffset RefreshAt, DateTimeOffset? FailedAt);
    }

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "CRL {Url} read: number {Number}, {Count} revoked serials, next update {NextUpdate}")]
    private static partial void LogLoaded(ILogger logger, Uri url, string number, int count, string nextUpdate);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Warning, Message = "CRL {Url} could not be fetched: {Error}")]
    private static partial void LogFetchFailed(ILogger logger, Uri url, string error);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Warning, Message = "CRL {Url} refused: {Reason}")]
    private static partial void LogUnusable(ILogger logger, Uri url, string reason);

    [LoggerMessage(EventId = 1213, Level = LogLevel.Warning, Message = "CRL {Url} number {Number} is older than the one in hand ({Current}); kept the one in hand")]
    private static partial void LogOlder(ILogger logger, Uri url, string number, string current);
}
