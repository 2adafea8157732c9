namespace Laobao.Client;

/// <summary>
/// One finding of the record health checks (SPEC §12): its stable <c>Code</c>, the months it concerns, and in the
/// asked language what it means (<c>Meaning</c>) and what to do (<c>Advice</c>). <c>From</c>/<c>To</c>/<c>Days</c> bound a
/// gap; <c>ReachedOn</c> is the day 15 years are reached if cover continues.
/// </summary>
public sealed record HealthFindingView(
    string Code,
    string Title,
    string Meaning,
    string Advice,
    IReadOnlyList<MonthView> Months,
    string? UnitCode,
    string? UnitName,
    DateView? From,
    DateView? To,
    int? Days,
    DateView? ReachedOn,
    int? Amount);

/// <summary><c>GET /api/v1/me/health</c>: <c>Clean</c> with a sentence saying so, or the findings.</summary>
public sealed record HealthReport(DateView AsOf, bool Clean, string Summary, IReadOnlyList<HealthFindingView> Findings);

public sealed partial class LaobaoApiClient
{
    public Task<HealthReport> GetHealthAsync(string accessToken, CancellationToken cancellationToken = default) =>
        SendAsync<HealthReport>(HttpMethod.Get, "api/v1/me/health", null, accessToken, cancellationToken);
}
