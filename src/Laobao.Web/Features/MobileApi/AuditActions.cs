namespace Laobao.Web.Features.MobileApi;

/// <summary>Audit action names of device linking and the mobile API; the person reads them in their activity history.</summary>
public static class AuditActions
{
    public const string DeviceLink = "device-link";
    public const string DeviceUnlink = "device-unlink";
    public const string MobileSignIn = "mobile-sign-in";
    public const string MobileRefresh = "mobile-refresh";
    public const string MobileSignOut = "mobile-sign-out";
    public const string CoverageView = "coverage-view";
    public const string PensionView = "pension-view";
    public const string StatementIssue = "statement-issue";
    public const string StatementRevoke = "statement-revoke";
    public const string MyDataDownload = "my-data-download";
}
