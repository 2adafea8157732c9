namespace Laobao.Client;

// Wire contracts of the mobile API (SPEC §7). JSON uses camelCase names; dates a person sees carry both calendars.

/// <summary><c>POST /api/v1/device-links</c>: the phone presents a ticket and proves it holds the key.</summary>
public sealed record DeviceLinkRequest(string Ticket, string PublicKey, string DeviceName, string Platform, string Signature);

/// <summary>202 answer: the phone shows <see cref="MatchNumber"/>, the holder's masked name and the site.</summary>
public sealed record DeviceLinkAccepted(Guid LinkId, string MatchNumber, string Holder, string Site, DateTimeOffset ExpiresAt);

/// <summary><c>GET /api/v1/device-links/{linkId}</c>: one of <see cref="DeviceLinkStatuses"/>; the device id once linked.</summary>
public sealed record DeviceLinkStatus(string Status, Guid? DeviceId);

public static class DeviceLinkStatuses
{
    public const string Pending = "pending";
    public const string Linked = "linked";
    public const string Refused = "refused";
    public const string Expired = "expired";
}

public sealed record SessionChallengeRequest(Guid DeviceId);

public sealed record SessionChallenge(string Nonce, DateTimeOffset ExpiresAt);

public sealed record SignInRequest(string Email, string Password, Guid DeviceId, string Nonce, string Signature);

public sealed record RefreshRequest(string RefreshToken, Guid DeviceId, string Nonce, string Signature);

/// <summary>Tokens are opaque; <see cref="ExpiresIn"/> is the access token's lifetime in seconds.</summary>
public sealed record TokenResponse(string AccessToken, int ExpiresIn, string RefreshToken);

/// <summary>A day in both calendars: <c>Iso</c> 1971-01-02, <c>Roc</c> 060/01/02, <c>Display</c> 060/01/02 (1971-01-02).</summary>
public sealed record DateView(string Iso, string Roc, string Display);

/// <summary>A month in both calendars: <c>Iso</c> 2025-01, <c>Roc</c> 114/01, <c>Display</c> 114/01 (2025-01).</summary>
public sealed record MonthView(string Iso, string Roc, string Display);

public sealed record ProfileView(string Name, string? NameLatin, string MaskedIdNumber, DateView BirthDate, string Nationality, string Residence, string? Email);

/// <summary>
/// One coverage period at one unit for one kind; salary adjustments are its steps. Units carry both names
/// (<see cref="UnitNameLatin"/> null or empty when the unit has none); <see cref="UnitNames.For"/> picks the one to show.
/// </summary>
public sealed record CoveragePeriodView(
    string UnitCode,
    string UnitName,
    string? UnitNameLatin,
    string Kind,
    DateView Start,
    DateView? End,
    int CurrentInsuredSalary,
    IReadOnlyList<SalaryStepView> SalarySteps);

public sealed record SalaryStepView(DateView From, DateView? To, int InsuredSalary);

/// <summary>Seniority (年資) of one kind: the union of its periods, as years + days (365 to a year) and total days.</summary>
public sealed record SeniorityView(string Kind, int Years, int Days, int TotalDays);

/// <summary>Open periods on the as-of day: insured or not, where and under which kinds.</summary>
public sealed record CurrentCoverageView(bool Insured, IReadOnlyList<CurrentUnitView> Units);

/// <summary>A unit the person is insured by now; <see cref="UnitNameLatin"/> was added later, hence last.</summary>
public sealed record CurrentUnitView(string UnitCode, string UnitName, IReadOnlyList<string> Kinds, int InsuredSalary, DateView Since, string? UnitNameLatin = null);

public sealed record CoverageReport(DateView AsOf, IReadOnlyList<CoveragePeriodView> Periods, IReadOnlyList<SeniorityView> Seniority, CurrentCoverageView Current);

/// <summary>One month's contribution from one unit; <see cref="UnitNameLatin"/> was added later, hence last.</summary>
public sealed record PensionContributionView(MonthView Month, string UnitCode, string UnitName, int Wage, int EmployerAmount, int VoluntaryAmount, string? UnitNameLatin = null);

public sealed record PensionTotalsView(long EmployerContributions, long VoluntaryContributions, long CreditedEarnings, long Balance);

/// <summary>
/// The pension account. <see cref="Scheme"/> is new, old or none. When there is nothing to show,
/// <see cref="NoData"/> says why (a stable code and a sentence in the asked language), never an empty page.
/// </summary>
public sealed record PensionReport(
    string Scheme,
    DateView? Since,
    PensionNoDataView? NoData,
    PensionTotalsView Totals,
    int Page,
    int PageSize,
    int TotalContributions,
    IReadOnlyList<PensionContributionView> Contributions);

public sealed record PensionNoDataView(string Code, string Message, DateView? EligibleFrom);

public sealed record DeviceView(Guid DeviceId, string Name, string Platform, DateTimeOffset LinkedAt, DateTimeOffset? LastUsedAt, bool Current);

public sealed record ActivityView(DateTimeOffset At, string Action, string Outcome, string? ClientAddress);

/// <summary>
/// One page of the activity history, newest first. <see cref="HasMore"/> says an older page follows (ask for
/// <c>Page + 1</c>); it was added later, hence last.
/// </summary>
public sealed record ActivityPage(int Page, int PageSize, IReadOnlyList<ActivityView> Items, bool HasMore = false);
