namespace Laobao.Client;

/// <summary>
/// One finding of the record health checks (SPEC §12): its stable <c>Code</c>, the months it concerns, and in the
/// asked language what it means (<c>Meaning</c>) and what to do (<c>Advice</c>). <c>From</c>/<c>To</c>/<c>Days</c> bound a
/// gap; <c>ReachedOn</c> is the day 15 years are reached if cover continues.
/// </summary>
public sealed record HealthFindingView(
    string Code,
    string Heading,
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

/// <summary>One step of a case's history; <c>ByStaff</c> false means the person.</summary>
public sealed record CaseStepView(string At, string Status, string StatusText, bool ByStaff);

/// <summary>A "report a problem" case as its person sees it (texts in the asked language).</summary>
public sealed record CaseView(
    string Number, string Status, string StatusText, string Topic, string TopicText, string? UnitCode,
    MonthView? FromMonth, MonthView? ToMonth, string ReportedAt, string Comment, string? Answer, IReadOnlyList<CaseStepView> History);

/// <summary><c>POST /api/v1/me/cases</c>: months as <c>yyyy-MM</c>; <c>Topic</c> a health code, <c>period</c> or <c>month</c>.</summary>
public sealed record CaseRequest(string Topic, string? UnitCode, string? FromMonth, string? ToMonth, string Comment);

/// <summary>A record alert notice: the day and what changed, as a sentence.</summary>
public sealed record NoticeView(DateView Day, IReadOnlyList<string> Changes, string Text, bool Seen);

/// <summary><c>GET /api/v1/me/notices</c>: recent notices and whether alert mail is on.</summary>
public sealed record NoticesView(IReadOnlyList<NoticeView> Notices, bool MailAlerts);

public sealed partial class LaobaoApiClient
{
    public Task<IReadOnlyList<CaseView>> GetCasesAsync(string accessToken, CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<CaseView>>(HttpMethod.Get, "api/v1/me/cases", null, accessToken, cancellationToken);

    public Task<CaseView> GetCaseAsync(string accessToken, string number, CancellationToken cancellationToken = default) =>
        SendAsync<CaseView>(HttpMethod.Get, "api/v1/me/cases/" + Uri.EscapeDataString(number), null, accessToken, cancellationToken);

    public Task<CaseView> ReportAsync(string accessToken, CaseRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<CaseView>(HttpMethod.Post, "api/v1/me/cases", request, accessToken, cancellationToken);

    public Task<NoticesView> GetNoticesAsync(string accessToken, CancellationToken cancellationToken = default) =>
        SendAsync<NoticesView>(HttpMethod.Get, "api/v1/me/notices", null, accessToken, cancellationToken);
}
