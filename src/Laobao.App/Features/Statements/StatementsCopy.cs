using Laobao.App.Localization;

namespace Laobao.App.Features.Statements;

/// <summary>
/// The words of the app's 投保證明 / Statements screen (SPEC §10), beside the feature rather than in the shared copy;
/// the labels the e-desk also shows read the same as its statements copy.
/// </summary>
public static class StatementsCopy
{
    public static IReadOnlyDictionary<string, Text> Entries { get; } = new Dictionary<string, Text>(StringComparer.Ordinal)
    {
        ["menu"] = new("投保證明", "Statements"),
        ["title"] = new("投保證明", "Statements"),
        ["intro"] = new("申請經數位簽章的中英對照證明文件（PDF），可交給移民署、銀行或法院查驗。每份證明有 16 碼驗證碼，90 天內有效，您可隨時註銷。", "Get a digitally signed bilingual statement (PDF) to hand to immigration, a bank or a court. Each statement has a 16-character verification code, is valid for 90 days, and you can revoke it at any time."),
        ["kind"] = new("證明種類", "Kind of statement"),
        ["kind.coverage"] = new("勞工保險投保證明", "Labour insurance coverage"),
        ["kind.pension"] = new("勞工退休金個人專戶證明", "Labour pension account"),
        ["issue"] = new("產生證明", "Issue statement"),
        ["issuing"] = new("產生中…", "Issuing…"),
        ["issued"] = new("已產生證明，驗證碼：{0}", "Statement issued; verification code: {0}"),
        ["list"] = new("已產生的證明", "Your statements"),
        ["none"] = new("尚未產生任何證明。", "You have not issued a statement yet."),
        ["code"] = new("驗證碼", "Verification code"),
        ["asOf"] = new("資料日期", "Record as of"),
        ["issuedOn"] = new("產生日期", "Issued on"),
        ["validUntil"] = new("有效至", "Valid until"),
        ["revokedOn"] = new("註銷日期", "Revoked on"),
        ["status"] = new("狀態", "Status"),
        ["download"] = new("下載 PDF", "Download PDF"),
        ["revoke"] = new("註銷", "Revoke"),
        ["revoked"] = new("已註銷證明 {0}。", "Statement {0} is revoked."),
        ["unavailable"] = new("目前無法產生證明，請稍後再試。", "Statements cannot be issued right now; please try again later."),
        ["noRecord"] = new("查無您的投保資料，無法產生證明。", "No record is held for you, so no statement can be issued."),
        ["offline"] = new("離線時無法產生、下載或註銷證明。", "Statements cannot be issued, downloaded or revoked while offline."),
        ["status.valid"] = new("有效", "Valid"),
        ["status.revoked"] = new("已註銷", "Revoked"),
        ["status.expired"] = new("已逾期", "Expired"),
        ["myDataTitle"] = new("個人資料下載", "Download my data"),
        ["myDataIntro"] = new("下載本系統保存的您的全部資料：ZIP 檔內含可重新匯入的 CSV 檔與一個 JSON 檔（含裝置與活動紀錄）。", "Download everything this service holds about you: a ZIP of CSV files you can re-import or open in a spreadsheet, and one JSON file that also lists your devices and activity."),
        ["myDataDownload"] = new("下載 ZIP", "Download ZIP"),
        ["saved"] = new("已下載 {0}。", "Downloaded {0}."),
    };

    public static string Get(string key, AppLanguage language) =>
        Entries.TryGetValue(key, out var text) ? text.In(language) : throw new KeyNotFoundException($"The app has no statements text '{key}'.");
}
