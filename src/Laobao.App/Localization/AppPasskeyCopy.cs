namespace Laobao.App.Localization;

/// <summary>Copy of the app's platform passkey (SPEC §11), kept apart from <see cref="AppCopy"/> so features merge cleanly.</summary>
public static class AppPasskeyCopy
{
    public static IReadOnlyDictionary<string, Text> Entries { get; } = new Dictionary<string, Text>(StringComparer.Ordinal)
    {
        ["passkeyEnrol"] = new("新增通行密鑰（以指紋或螢幕鎖登入）", "Add a passkey (sign in with fingerprint or screen lock)"),
        ["passkeyEnrolled"] = new("已新增通行密鑰。下次可按「以通行密鑰登入」，不必輸入密碼。", "The passkey was added. Next time choose \"Sign in with a passkey\" instead of typing the password."),
        ["passkeySignIn"] = new("以通行密鑰登入", "Sign in with a passkey"),
        ["passkeySignInIntro"] = new("這支手機已有通行密鑰：以指紋、臉部或螢幕鎖確認即可登入；手機的裝置金鑰也會一起簽章。", "This phone has a passkey: confirm with your fingerprint, face or screen lock to sign in; the phone's device key signs too."),
        ["passkeyUnavailable"] = new("這支手機的瀏覽器無法使用通行密鑰，請以電子郵件與密碼登入。", "This phone's browser cannot use a passkey; sign in with your email and password."),
        ["appPasskeyCancelled"] = new("已取消，或找不到這支手機的通行密鑰。可再試一次，或以電子郵件與密碼登入。", "Cancelled, or this phone's passkey was not found. Try again, or sign in with your email and password."),
        ["passkeyRefused"] = new("通行密鑰登入未成功（可能已被移除）。請以電子郵件與密碼登入。", "The passkey sign-in did not succeed (the passkey may have been removed). Sign in with your email and password."),
    };
}
