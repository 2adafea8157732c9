namespace Laobao.Client;

/// <summary>Activity-history sentences of passkeys (SPEC §11), apart from <see cref="ActivityLabels"/> so features merge cleanly.</summary>
public static class PasskeyActivityLabels
{
    public static IReadOnlyDictionary<string, ActivityLabels.Label> Actions { get; } = new Dictionary<string, ActivityLabels.Label>(StringComparer.Ordinal)
    {
        ["passkey-register"] = new("新增通行密鑰", "Added a passkey"),
        ["passkey-login"] = new("以通行密鑰登入 e 化服務櫃台", "Signed in to the e-desk with a passkey"),
        ["passkey-remove"] = new("移除通行密鑰", "Removed a passkey"),
        ["passkey-revoke"] = new("通行密鑰隨帳號關閉而註銷", "Passkeys revoked with the closed account"),
        ["app-passkey-register"] = new("在 App 新增通行密鑰", "Added a passkey in the app"),
        ["app-passkey-sign-in"] = new("以通行密鑰登入 App", "Signed in to the app with a passkey"),
    };

    public static IReadOnlyDictionary<string, ActivityLabels.Label> Outcomes { get; } = new Dictionary<string, ActivityLabels.Label>(StringComparer.Ordinal)
    {
        ["passkey.unknown"] = new("通行密鑰未登記或已移除", "The passkey is not registered or was removed"),
        ["passkey.user-mismatch"] = new("通行密鑰與帳號不符", "The passkey did not belong to the account"),
        ["passkey.origin-mismatch"] = new("回應不是為本網站產生", "The answer was made for another site"),
        ["passkey.rp-mismatch"] = new("通行密鑰屬於其他網站", "The passkey belongs to another site"),
        ["passkey.challenge-mismatch"] = new("回應與要求不符", "The answer did not match the request"),
        ["passkey.signature-invalid"] = new("通行密鑰簽章不正確", "The passkey's signature was not valid"),
        ["passkey.counter-regressed"] = new("通行密鑰可能被複製", "The passkey may have been copied"),
        ["passkey.user-verification-missing"] = new("裝置未確認本人", "The device did not confirm it was you"),
        ["passkey.authenticator-not-allowed"] = new("不接受的驗證器", "The authenticator is not accepted"),
        ["passkey.already-registered"] = new("通行密鑰已新增過", "The passkey was already added"),
        ["passkey.too-many"] = new("通行密鑰已達上限", "Too many passkeys"),
        ["passkey.device-required"] = new("需要認證過的手機", "A verified phone was needed"),
        ["passkey.invalid"] = new("通行密鑰回應無法驗證", "The passkey's answer could not be verified"),
        ["assurance.card-required"] = new("需要自然人憑證", "The card was needed"),
    };
}
