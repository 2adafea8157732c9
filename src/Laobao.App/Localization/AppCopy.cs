namespace Laobao.App.Localization;

/// <summary>
/// Every word the app shows. The SPEC §0 keys carry the exact labels that published walkthroughs
/// quote (the e-desk uses the same ones), so they must not be reworded.
/// </summary>
public static class AppCopy
{
    public static IReadOnlyDictionary<string, Text> Entries { get; } = Merged(new Dictionary<string, Text>(StringComparer.Ordinal)
    {
        // SPEC §0 labels, verbatim.
        ["login"] = new("登入", "Log in"),
        ["account"] = new("帳號 (電子郵件)", "Account (email)"),
        ["password"] = new("密碼", "Password"),
        ["verifyDevice"] = new("認證裝置", "Verify device"),
        ["personalInquiry"] = new("個人查詢", "Individual inquiry"),
        ["coverageInquiry"] = new("投保資料查詢", "Check coverage info"),
        ["pensionInquiry"] = new("勞工退休金個人專戶查詢", "Labour pension account"),

        // Frame.
        ["appName"] = new("勞保 App", "Laobao app"),
        ["languageSwitch"] = new("English", "中文"),
        ["languageSwitchLabel"] = new("切換語言", "Change language"),
        ["home"] = new("首頁", "Home"),
        ["back"] = new("返回", "Back"),
        ["loading"] = new("載入中…", "Loading…"),
        ["retry"] = new("重試", "Try again"),
        ["footer"] = new("本 App 只顯示您本人的資料。", "This app shows only your own records."),

        // Home.
        ["notLinkedIntro"] = new("請先在電腦上以自然人憑證登入 e 化服務櫃台，開啟「認證裝置」，再用本手機掃描畫面上的 QR Code 或輸入認證碼。", "First sign in to the e-desk on a computer with your Citizen Digital Certificate, open \"Verify device\", then scan its QR code with this phone or type the manual code."),
        ["linkedDevices"] = new("已認證裝置", "Linked devices"),
        ["activity"] = new("使用紀錄", "Activity"),
        ["logout"] = new("登出", "Log out"),
        ["loggedOut"] = new("您已登出。", "You have logged out."),
        ["settings"] = new("設定", "Settings"),

        // Verify device (認證裝置).
        ["scanQr"] = new("掃描 QR Code", "Scan the QR code"),
        ["scanHint"] = new("將相機對準 e 化服務櫃台畫面上的 QR Code。", "Point the camera at the QR code on the e-desk screen."),
        ["startCamera"] = new("開啟相機", "Start camera"),
        ["stopCamera"] = new("關閉相機", "Stop camera"),
        ["cameraUnavailable"] = new("無法使用相機，請改輸入認證碼。", "The camera cannot be used; please type the manual code instead."),
        ["manualCode"] = new("認證碼", "Manual code"),
        ["manualCodeHint"] = new("8 個英文字母，格式 XXXX-XXXX", "8 letters, shown as XXXX-XXXX"),
        ["manualCodeInvalid"] = new("認證碼應為 8 個英文字母（不含母音），格式 XXXX-XXXX。", "The manual code is 8 letters (no vowels), as XXXX-XXXX."),
        ["submitCode"] = new("送出認證碼", "Submit code"),
        ["qrNotForThisSite"] = new("這個 QR Code 不是本網站的認證碼。", "This QR code is not a device code of this site."),
        ["linking"] = new("正在認證裝置…", "Verifying the device…"),
        ["linkHolder"] = new("帳號持有人", "Account holder"),
        ["linkSite"] = new("連結網站", "Site"),
        ["linkNumberHint"] = new("請在 e 化服務櫃台畫面上點選這個數字：", "On the e-desk screen, pick this number:"),
        ["linkExpires"] = new("有效至", "Valid until"),
        ["linkWaiting"] = new("等待您在 e 化服務櫃台確認…", "Waiting for you to confirm on the e-desk…"),
        ["linkDone"] = new("裝置已認證，請登入。", "This device is verified. Please log in."),
        ["linkRefused"] = new("數字不符或已取消，請重新掃描。", "The number did not match, or the request was cancelled. Scan the QR code again, or type the new manual code."),
        ["linkExpired"] = new("認證碼已逾時，請掃描畫面上最新的 QR Code。", "The code has expired. Scan the newest QR code on the e-desk screen."),
        ["deviceNameField"] = new("裝置名稱", "Device name"),

        // Sign-in.
        ["signInIntro"] = new("以行動服務帳號登入。", "Log in with your mobile services account."),
        ["signInFailed"] = new("帳號或密碼不正確，或此裝置未認證。", "The account or password is wrong, or this device is not verified."),
        ["needLink"] = new("此手機尚未認證，請先認證裝置。", "This phone is not verified yet; verify the device first."),

        // Coverage (投保資料查詢).
        ["insuredName"] = new("姓名", "Name"),
        ["seniority"] = new("保險年資", "Insured seniority"),
        ["seniorityYears"] = new("{0} 年", "{0} years"),
        ["seniorityYear"] = new("{0} 年", "{0} year"),
        ["seniorityDays"] = new("{0} 日", "{0} days"),
        ["seniorityDay"] = new("{0} 日", "{0} day"),
        ["kind.labour"] = new("勞工保險", "Labour insurance"),
        ["kind.occupational"] = new("勞工職業災害保險", "Occupational accident insurance"),
        ["kind.employment"] = new("就業保險", "Employment insurance"),
        ["unit"] = new("投保單位", "Insured unit"),
        ["insuranceKind"] = new("保險別", "Insurance"),
        ["from"] = new("加保日期", "From"),
        ["to"] = new("退保日期", "To"),
        ["openEnded"] = new("迄今", "to date"),
        ["insuredSalary"] = new("月投保薪資", "Monthly insured salary"),
        ["noCoverage"] = new("查無投保資料。", "No coverage records."),
        ["asOf"] = new("資料日期", "Records as of"),

        // Pension (勞工退休金個人專戶查詢).
        ["scheme"] = new("適用制度", "Scheme"),
        ["scheme.new"] = new("勞工退休金新制", "New labour pension scheme"),
        ["scheme.old"] = new("勞工退休金舊制", "Old pension scheme"),
        ["scheme.none"] = new("尚未提繳", "No contributions yet"),
        ["schemeSince"] = new("{0}（{1} 起）", "{0} (since {1})"),
        ["totalEmployer"] = new("雇主提繳累積金額", "Employer contributions, total"),
        ["totalVoluntary"] = new("個人自願提繳累積金額", "Voluntary contributions, total"),
        ["totalReturns"] = new("累積收益", "Earnings, total"),
        ["balance"] = new("個人專戶累積金額", "Account balance"),
        ["contributions"] = new("每月提繳明細", "Monthly contributions"),
        ["month"] = new("提繳年月", "Month"),
        ["wage"] = new("月提繳工資", "Monthly contribution wage"),
        ["employer"] = new("雇主提繳", "Employer"),
        ["voluntary"] = new("個人自願提繳", "Voluntary"),
        ["noContributions"] = new("查無提繳紀錄。", "No contributions."),
        ["contributionsShown"] = new("已顯示 {0} 個月，共 {1} 個月。", "Showing {0} of {1} months."),
        ["moreContributions"] = new("顯示更早的月份", "Show earlier months"),
        ["currency"] = new("{0} 元", "NT${0}"),

        // Devices and activity.
        ["thisDevice"] = new("本機", "This device"),
        ["linkedAt"] = new("認證時間", "Linked"),
        ["lastUsed"] = new("最近使用", "Last used"),
        ["unlink"] = new("解除認證", "Unlink"),
        ["noActivity"] = new("沒有使用紀錄。", "No activity."),
        ["activityShown"] = new("已顯示最近 {0} 筆紀錄。", "Showing the latest {0} entries."),
        ["moreActivity"] = new("顯示更早的紀錄", "Show earlier activity"),
        ["when"] = new("時間", "When"),
        ["what"] = new("項目", "What"),
        ["outcome"] = new("結果", "Outcome"),

        // Offline and freshness.
        ["offlineNotice"] = new("離線中：以下是 {0} 最後更新的資料，可能不是最新。", "Offline: last updated {0}; this may not be current."),
        ["offlineNoData"] = new("離線中，且本機沒有先前取得的資料。", "Offline, and this phone has no earlier data."),
        ["updatedAt"] = new("更新時間 {0}", "Updated {0}"),
        ["sessionExpired"] = new("登入已逾時，請重新登入。", "Your session has ended; please log in again."),
        ["errorGeneric"] = new("服務暫時無法使用，請稍後再試。", "The service is unavailable; please try again later."),

        // Settings and the device key.
        ["deviceKey"] = new("裝置金鑰", "Device key"),
        ["deviceKeyInfo"] = new(
            "本手機以 ECDSA P-256 金鑰證明身分；私鑰由瀏覽器保管、無法匯出，不會離開本機。",
            "This phone proves itself with an ECDSA P-256 key; the browser keeps the private key, it cannot be exported and never leaves this phone."),
        ["keyFingerprint"] = new("公鑰指紋", "Public key fingerprint"),
        ["language"] = new("語言", "Language"),
        ["currentLanguage"] = new("中文（臺灣）", "English"),
        ["keyCurve"] = new("ECDSA 曲線", "ECDSA curve"),
        ["notFound"] = new("找不到這個頁面。", "This page does not exist."),
    }, AppJourneyCopy.Entries, AppPasskeyCopy.Entries);

    // Features keep their new copy in files of their own; a key defined twice is a mistake caught at start-up.
    private static Dictionary<string, Text> Merged(Dictionary<string, Text> core, params IReadOnlyDictionary<string, Text>[] more)
    {
        foreach (var (key, text) in more.SelectMany(d => d))
        {
            core.Add(key, text);
        }

        return core;
    }

    public static string Get(string key, AppLanguage language) =>
        Entries.TryGetValue(key, out var text)
            ? text.In(language)
            : throw new KeyNotFoundException($"The app has no text '{key}'.");
}
