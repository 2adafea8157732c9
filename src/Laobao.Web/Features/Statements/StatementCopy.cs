using Laobao.Web.Localization;

namespace Laobao.Web.Features.Statements;

/// <summary>The words of the statements pages (投保證明 / Statements, the public check, my data), apart from the shared copy deck.</summary>
public static class StatementCopy
{
    public static IReadOnlyDictionary<string, BilingualText> Entries { get; } = new Dictionary<string, BilingualText>(StringComparer.Ordinal)
    {
        ["statementsTitle"] = new("投保證明", "Statements"),
        ["statementsIntro"] = new("申請經數位簽章的中英對照證明文件（PDF），可交給移民署、銀行或法院查驗。每份證明有 16 碼驗證碼，90 天內有效，您可隨時註銷。", "Get a digitally signed bilingual statement (PDF) to hand to immigration, a bank or a court. Each statement has a 16-character verification code, is valid for 90 days, and you can revoke it at any time."),
        ["statementKind"] = new("證明種類", "Kind of statement"),
        ["statementKind.coverage"] = new("勞工保險投保證明", "Labour insurance coverage"),
        ["statementKind.pension"] = new("勞工退休金個人專戶證明", "Labour pension account"),
        ["statementIssue"] = new("產生證明", "Issue statement"),
        ["statementIssued"] = new("已產生證明，驗證碼：{0}", "Statement issued; verification code: {0}"),
        ["statementList"] = new("已產生的證明", "Your statements"),
        ["statementNone"] = new("尚未產生任何證明。", "You have not issued a statement yet."),
        ["statementCode"] = new("驗證碼", "Verification code"),
        ["statementIssuedAt"] = new("產生日期", "Issued on"),
        ["statementValidUntil"] = new("有效至", "Valid until"),
        ["statementStatus"] = new("狀態", "Status"),
        ["statementDownload"] = new("下載 PDF", "Download PDF"),
        ["statementRevoke"] = new("註銷", "Revoke"),
        ["statementRevoked"] = new("已註銷證明 {0}。", "Statement {0} is revoked."),
        ["statementUnavailable"] = new("目前無法產生證明：{0}", "Statements cannot be issued right now: {0}"),
        ["status.valid"] = new("有效", "Valid"),
        ["status.revoked"] = new("已註銷", "Revoked"),
        ["status.expired"] = new("已逾期", "Expired"),
        ["myDataTitle"] = new("個人資料下載", "Download my data"),
        ["myDataIntro"] = new("下載本系統保存的您的全部資料：ZIP 檔內含可重新匯入的 CSV 檔與一個 JSON 檔（含裝置與活動紀錄）。", "Download everything this service holds about you: a ZIP of CSV files you can re-import or open in a spreadsheet, and one JSON file that also lists your devices and activity."),
        ["myDataDownload"] = new("下載 ZIP", "Download ZIP"),
        ["verifyTitle"] = new("證明文件查驗", "Check a statement"),
        ["verifyIntro"] = new("輸入證明文件上的 16 碼驗證碼，或掃描其 QR 碼，即可確認證明是否有效。本頁不顯示證明內容。", "Enter the 16-character verification code printed on the statement, or scan its QR code, to see whether it is valid. This page never shows what the statement says."),
        ["verifyCodeLabel"] = new("驗證碼（XXXX-XXXX-XXXX-XXXX）", "Verification code (XXXX-XXXX-XXXX-XXXX)"),
        ["verifyLookup"] = new("查驗", "Check"),
        ["verifyStatus"] = new("查驗結果", "Result"),
        ["verifyKind"] = new("證明種類", "Kind"),
        ["verifyIssuedAt"] = new("產生日期", "Issued on"),
        ["verifyValidUntil"] = new("有效至", "Valid until"),
        ["verifyHolder"] = new("證明對象", "Holder"),
        ["verifySha256"] = new("原發文件 SHA-256", "SHA-256 of the issued file"),
        ["verifyUnknown"] = new("查無此驗證碼的證明。請確認輸入的驗證碼與證明文件上的相同。", "No statement has this code. Check that it matches the code printed on the statement."),
        ["verifyLimited"] = new("查驗次數過多，請稍後再試。", "Too many checks from your address; try again later."),
        ["verifyUploadTitle"] = new("比對檔案", "Compare a file"),
        ["verifyUploadIntro"] = new("上傳您收到的 PDF，確認它與原發文件逐位元組相同。", "Upload the PDF you were given to check that it is byte for byte the file that was issued."),
        ["verifyUploadLabel"] = new("PDF 檔案", "PDF file"),
        ["verifyUpload"] = new("比對", "Compare"),
        ["verifyIdentical"] = new("相同：上傳的檔案即為原發文件。", "Identical: the uploaded file is the file that was issued."),
        ["verifyDifferent"] = new("不相同：上傳的檔案不是原發文件，可能已被修改。", "Not identical: the uploaded file is not the file that was issued; it may have been altered."),
        ["verifyUploadMissing"] = new("請選擇一個 PDF 檔案（最大 10 MB）。", "Choose a PDF file (10 MB at most)."),
    };

    public static string Text(string key, UiLanguage language) =>
        Entries.TryGetValue(key, out var text) ? text.In(language) : throw new KeyNotFoundException($"No statements copy entry '{key}'.");
}

/// <summary>The statements copy in the language of the current request; injected into the statements views as <c>S</c>.</summary>
public sealed class StatementUi(Ui ui)
{
    public UiLanguage Language => ui.Language;

    public string this[string key] => StatementCopy.Text(key, ui.Language);
}
