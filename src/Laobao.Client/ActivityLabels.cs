namespace Laobao.Client;

/// <summary>
/// The sentences a person reads for each audited action and outcome, in both languages. The e-desk's recent activity
/// and the app's Activity page both read this one table, so a phone and the desk never describe the same event
/// differently, and no internal code (<c>pension-view</c>, <c>code-wrong</c>) ever reaches the screen.
/// </summary>
public static class ActivityLabels
{
    /// <summary>One sentence in Traditional Chinese and in English.</summary>
    public sealed record Label(string ZhTw, string En)
    {
        public string In(bool english) => english ? En : ZhTw;
    }

    public static IReadOnlyDictionary<string, Label> Actions { get; } = new Dictionary<string, Label>(StringComparer.Ordinal)
    {
        ["card-login"] = new("以自然人憑證登入 e 化服務櫃台", "Logged in to the e-desk with the card"),
        ["sign-out"] = new("登出 e 化服務櫃台", "Logged out of the e-desk"),
        ["account-terms"] = new("同意服務條款", "Agreed to the terms"),
        ["account-application"] = new("申請行動服務帳號", "Applied for a mobile services account"),
        ["account-activation"] = new("輸入啟用碼啟用帳號", "Entered the activation code"),
        ["account-code-resend"] = new("重寄啟用碼", "Asked for a new activation code"),
        ["account-change-password"] = new("變更密碼", "Changed the password"),
        ["account-change-email"] = new("申請變更電子郵件", "Asked to change the email address"),
        ["account-email-confirm"] = new("確認新的電子郵件", "Confirmed the new email address"),
        ["account-close"] = new("關閉行動服務帳號", "Closed the mobile services account"),
        ["device-link-presented"] = new("手機送出認證裝置要求", "A phone asked to be verified"),
        ["device-link"] = new("認證裝置", "Verified a device"),
        ["device-unlink"] = new("解除裝置認證", "Unlinked a device"),
        ["mobile-sign-in"] = new("以 App 登入", "Logged in to the app"),
        ["mobile-refresh"] = new("App 延長登入", "The app renewed its sign-in"),
        ["mobile-sign-out"] = new("App 登出", "Logged out of the app"),
        ["coverage-view"] = new("查詢投保資料", "Looked at the coverage"),
        ["pension-view"] = new("查詢勞工退休金個人專戶", "Looked at the labour pension account"),
        ["statement-issue"] = new("產生證明文件", "Issued a statement"),
        ["statement-revoke"] = new("註銷證明文件", "Revoked a statement"),
        ["statement-verify"] = new("證明文件在查驗頁被查驗", "A statement was checked on the verification page"),
        ["my-data-download"] = new("下載個人資料", "Downloaded my data"),
    };

    public static IReadOnlyDictionary<string, Label> Outcomes { get; } = new Dictionary<string, Label>(StringComparer.Ordinal)
    {
        ["ok"] = new("成功", "Succeeded"),
        ["code-wrong"] = new("啟用碼錯誤", "Wrong code"),
        ["code-voided"] = new("啟用碼錯誤，已失效", "Wrong code; the code no longer works"),
        ["code-expired"] = new("啟用碼已逾時", "The code had expired"),
        ["code-malformed"] = new("啟用碼格式不符", "The code was not 8 digits"),
        ["code-none"] = new("沒有有效的啟用碼", "There was no valid code"),
        ["resend-limited"] = new("重寄過於頻繁", "Asked too often"),
        ["account.signing-limited"] = new("卡片簽章失敗次數過多", "Too many failed card signatures"),
        ["refused"] = new("數字不符，已取消", "The number did not match; cancelled"),
        ["expired"] = new("已逾時", "Timed out"),
        ["rate-limited"] = new("失敗次數過多，暫停受理", "Too many failed tries; paused"),
        ["credentials-invalid"] = new("帳號或密碼不正確", "Wrong account or password"),
        ["device-unknown"] = new("裝置未認證", "The device is not verified"),
        ["device-signature-invalid"] = new("裝置簽章不正確", "The device's signature was not valid"),
        ["nonce-invalid"] = new("登入要求已失效", "The sign-in request had expired"),
        ["refresh-token-invalid"] = new("登入已失效", "The sign-in had ended"),
        ["refresh-token-reused"] = new("登入憑證被重複使用，已全部登出", "A sign-in was reused; every session was ended"),
        ["account-not-active"] = new("帳號未啟用", "The account is not active"),
        ["link-not-found"] = new("認證要求已不存在", "The request no longer existed"),
        ["challenge.unknown"] = new("登入要求已失效", "The sign-in request had expired"),
        ["challenge.expired"] = new("簽章逾時", "The signature came too late"),
        ["signature.invalid"] = new("卡片簽章無法驗證", "The card's signature could not be verified"),
        ["signature.content-mismatch"] = new("簽章內容不符", "The signed text did not match"),
        ["certificate.not-yet-valid"] = new("憑證尚未生效", "The certificate was not valid yet"),
        ["certificate.expired"] = new("憑證已過期", "The certificate had expired"),
        ["certificate.untrusted"] = new("不是本網站接受的憑證", "The certificate is not accepted here"),
        ["certificate.wrong-usage"] = new("憑證不能用於簽章", "The certificate is not for signing"),
        ["certificate.policy"] = new("不是自然人憑證", "Not a Citizen Digital Certificate"),
        ["certificate.revoked"] = new("憑證已廢止", "The certificate is revoked"),
        ["certificate.revocation-unknown"] = new("無法確認憑證是否有效", "Whether the certificate is valid could not be checked"),
        ["identity.mismatch"] = new("卡片與身分證號或出生日期不符", "The card did not match the ID number or date of birth"),
        ["person.not-found"] = new("查無資料", "No record was found"),
        ["request.malformed"] = new("送出的資料不完整", "What was sent was incomplete"),
    };

    /// <summary>Any outcome this table does not know yet still reads as a sentence, never as a code.</summary>
    public static Label OtherFailure { get; } = new("未成功", "Did not succeed");

    /// <summary>An action this table does not know yet.</summary>
    public static Label OtherAction { get; } = new("其他帳號操作", "Another account action");

    public static string Action(string action, bool english) =>
        (Actions.TryGetValue(action, out var label) || PasskeyActivityLabels.Actions.TryGetValue(action, out label) || HealthActivityLabels.Actions.TryGetValue(action, out label) ? label : OtherAction).In(english);

    public static string Outcome(string outcome, bool english) =>
        (Outcomes.TryGetValue(outcome, out var label) || PasskeyActivityLabels.Outcomes.TryGetValue(outcome, out label) || HealthActivityLabels.Outcomes.TryGetValue(outcome, out label) ? label : OtherFailure).In(english);
}
