using Laobao.Web.Localization;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>
/// The terms of the mobile services account. Changing the wording means a new <see cref="Version"/>: everyone
/// is then asked to agree again before applying, and account holders see a notice on the status page.
/// </summary>
public static class AccountTerms
{
    public const string Version = "2026-11-01";

    /// <summary>The terms page as it opens for an account holder who agreed to an earlier version.</summary>
    public const string UpdatedPath = "/desk/accounts/terms?updated=1";

    /// <summary>An open account whose holder agreed to an earlier version: asked again before anything else.</summary>
    public static bool IsOutdated(MobileAccount? account) => account is not null && account.TermsVersion != Version;

    public static IReadOnlyList<BilingualText> Paragraphs { get; } =
    [
        new("一、行動服務帳號讓您以手機 App 查詢您本人的勞工保險投保資料與勞工退休金個人專戶資料。帳號僅限本人使用，不得轉讓或借給他人。",
            "1. The mobile services account lets you see your own labour insurance coverage and labour pension account in the phone app. It is for you alone; do not transfer or lend it."),
        new("二、申請時須以自然人憑證簽章確認。您提供的電子郵件用於寄送啟用碼與帳號通知；手機號碼為選填，只用於聯絡您。",
            "2. You confirm the application by signing with your Citizen Digital Certificate. The email address receives the activation code and account notices; the mobile number is optional and used only to contact you."),
        new("三、請妥善保管密碼與已認證的手機。發現異常時請立即以自然人憑證登入變更密碼或關閉帳號。",
            "3. Keep your password and your verified phone safe. If anything looks wrong, log in with your card at once to change the password or close the account."),
        new("四、本系統會記錄登入、帳號變更與資料查詢（時間、來源位址、結果），您可隨時查看自己的紀錄。",
            "4. The system records sign-ins, account changes and record views (time, address, outcome); you can read your own records at any time."),
        new("五、條款內容變更時，將請您重新閱讀並同意後才能繼續申請。",
            "5. When these terms change you will be asked to read and agree to them again before applying."),
    ];
}
