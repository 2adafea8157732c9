namespace Laobao.Web.Localization;

/// <summary>One user-visible text in both languages. Having both in one record makes a missing translation a compile error.</summary>
public sealed record BilingualText(string ZhTw, string En)
{
    public string In(UiLanguage language) => language == UiLanguage.En ? En : ZhTw;
}

/// <summary>
/// Every word the e-desk shows. The keys of SPEC §0 carry the exact labels that published
/// walkthroughs quote, so they must not be reworded.
/// </summary>
public static class CopyDeck
{
    public static IReadOnlyDictionary<string, BilingualText> Entries { get; } = new Dictionary<string, BilingualText>(StringComparer.Ordinal)
    {
        // SPEC §0 labels, verbatim.
        ["login"] = new("登入", "Log in"),
        ["pin"] = new("憑證密碼 (PIN)", "Card PIN"),
        ["idNumber"] = new("身分證號 / 居留證號", "ID / ARC number"),
        ["birthDate"] = new("出生日期 (民國年 YYYMMDD)", "Date of birth (ROC, YYYMMDD)"),
        ["mobileAccounts"] = new("行動服務帳號作業", "Mobile Services Account Management"),
        ["createAccount"] = new("建立服務帳號", "Create a services account"),
        ["agreeTerms"] = new("同意條款內容", "Agree to terms"),
        ["account"] = new("帳號 (電子郵件)", "Account (email)"),
        ["password"] = new("密碼", "Password"),
        ["confirmPassword"] = new("確認密碼", "Confirm password"),
        ["mobileNumber"] = new("手機號碼", "Mobile number"),
        ["activateAccount"] = new("帳號啟用", "Activate account"),
        ["verifyDevice"] = new("認證裝置", "Verify device"),
        ["personalInquiry"] = new("個人查詢", "Individual inquiry"),
        ["coverageInquiry"] = new("投保資料查詢", "Check coverage info"),
        ["pensionInquiry"] = new("勞工退休金個人專戶查詢", "Labour pension account"),

        // Frame of every page.
        ["siteName"] = new("勞保 e 化服務櫃台", "Laobao e-desk"),
        ["siteTagline"] = new("查詢您自己的勞工保險與勞工退休金資料", "See your own labour insurance and labour pension records"),
        ["languageSwitch"] = new("English", "中文"),
        ["languageSwitchLabel"] = new("切換語言", "Change language"),
        ["skipToContent"] = new("跳到主要內容", "Skip to main content"),
        ["homeWelcome"] = new("歡迎使用勞保 e 化服務櫃台", "Welcome to the Laobao e-desk"),
        ["homeIntro"] = new(
            "請準備自然人憑證卡片與讀卡機，以憑證登入後即可建立行動服務帳號，並以手機查詢投保資料與勞工退休金。",
            "Have your Citizen Digital Certificate card and a card reader ready. After you log in with the card you can create a mobile services account and see your coverage and labour pension on your phone."),
        ["homeStepsTitle"] = new("使用步驟", "How it works"),
        ["homeStep1"] = new("以自然人憑證登入。", "Log in with your Citizen Digital Certificate."),
        ["homeStep2"] = new("在「行動服務帳號作業」建立服務帳號，並以電子郵件收到的驗證碼啟用。", "Under “Mobile Services Account Management”, create a services account and activate it with the code sent to your email."),
        ["homeStep3"] = new("以手機 App 掃描 QR Code 認證裝置。", "Scan the QR code with the phone app to verify your device."),
        ["homeStep4"] = new("在 App 以電子郵件與密碼登入，查詢投保資料與勞工退休金。", "Sign in to the app with your email and password to see your coverage and labour pension."),
        ["errorTitle"] = new("系統暫時無法處理您的要求", "We could not complete your request"),
        ["errorBody"] = new("您已送出的資料不會遺失。請稍後再試；若問題持續，請聯絡客服並提供下方的參考編號。", "Nothing you already submitted is lost. Please try again in a few minutes; if it keeps happening, contact the service desk and quote the reference below."),
        ["errorReference"] = new("參考編號：", "Reference:"),
        ["backToHome"] = new("回到首頁", "Back to the home page"),
        ["footerNote"] = new("勞保 (Laobao) 是開放原始碼的社會保險自助查詢系統。", "Laobao is an open-source self-service system for social insurance records."),
    };

    public static string Text(string key, UiLanguage language) =>
        Entries.TryGetValue(key, out var text)
            ? text.In(language)
            : throw new KeyNotFoundException($"No copy-deck entry '{key}'.");
}
