namespace Laobao.App.Localization;

/// <summary>
/// Copy added while smoothing the newcomer's journey (issue 14): which sign-in field is empty, a lost device key,
/// a reload, the person's name. Kept apart from <see cref="AppCopy"/> so features merge cleanly; <see cref="AppCopy.Entries"/>
/// holds these too.
/// </summary>
public static class AppJourneyCopy
{
    public static IReadOnlyDictionary<string, Text> Entries { get; } = new Dictionary<string, Text>(StringComparer.Ordinal)
    {
        ["signInEmailEmpty"] = new("請輸入帳號 (電子郵件)。", "Enter your account (email)."),
        ["signInPasswordEmpty"] = new("請輸入密碼。", "Enter your password."),
        ["signInBothEmpty"] = new("請輸入帳號 (電子郵件) 與密碼。", "Enter your account (email) and your password."),
        ["deviceKeyLost"] = new(
            "這支手機的裝置金鑰已不存在（可能已清除瀏覽器資料），必須重新認證裝置才能登入。",
            "This phone's device key is gone (perhaps the browser's data was cleared), so this device must be verified again before you can log in."),
        ["appReloaded"] = new(
            "App 已重新載入。為保護您的資料，重新載入後不會保留登入狀態，請再登入一次。",
            "The app was reloaded. To protect your data, a reload does not keep you signed in; please log in again."),
        ["manualCodeTitle"] = new("或輸入認證碼", "Or type the manual code"),
        ["signedInAs"] = new("登入身分", "Signed in as"),
        ["sinceDate"] = new("{0} 起", "since {0}"),
        ["kindsTogether"] = new("相同投保單位與期間的保險別合併顯示。", "Insurance kinds with the same unit and period are shown together."),
        ["timelineTitle"] = new("投保歷程圖", "Career timeline"),
        ["timelineSummary"] = new("投保歷程（文字說明）", "Career timeline as text"),
        ["timelineUnit"] = new("{0}：{1} 至 {2}，月投保薪資 {3}", "{0}: {1} to {2}, monthly insured salary {3}"),
        ["timelineGap"] = new("未投保：{0} 至 {1}", "Not insured: {0} to {1}"),
        ["timelineNow"] = new("迄今", "today"),
    };
}
