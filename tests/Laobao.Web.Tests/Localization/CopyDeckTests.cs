using Laobao.Web.Localization;

namespace Laobao.Web.Tests.Localization;

public sealed class CopyDeckTests
{
    public static TheoryData<string, string, string> SpecLabels => new()
    {
        { "login", "登入", "Log in" },
        { "pin", "憑證密碼 (PIN)", "Card PIN" },
        { "idNumber", "身分證號 / 居留證號", "ID / ARC number" },
        { "birthDate", "出生日期 (民國年 YYYMMDD)", "Date of birth (ROC, YYYMMDD)" },
        { "mobileAccounts", "行動服務帳號作業", "Mobile Services Account Management" },
        { "createAccount", "建立服務帳號", "Create a services account" },
        { "agreeTerms", "同意條款內容", "Agree to terms" },
        { "account", "帳號 (電子郵件)", "Account (email)" },
        { "password", "密碼", "Password" },
        { "confirmPassword", "確認密碼", "Confirm password" },
        { "mobileNumber", "手機號碼", "Mobile number" },
        { "activateAccount", "帳號啟用", "Activate account" },
        { "verifyDevice", "認證裝置", "Verify device" },
        { "personalInquiry", "個人查詢", "Individual inquiry" },
        { "coverageInquiry", "投保資料查詢", "Check coverage info" },
        { "pensionInquiry", "勞工退休金個人專戶查詢", "Labour pension account" },
    };

    [Theory]
    [MemberData(nameof(SpecLabels))]
    public void Spec_labels_appear_exactly(string key, string zhTw, string en)
    {
        Assert.Equal(zhTw, CopyDeck.Text(key, UiLanguage.ZhTw));
        Assert.Equal(en, CopyDeck.Text(key, UiLanguage.En));
    }

    [Fact]
    public void Every_entry_has_text_in_both_languages()
    {
        foreach (var (key, text) in CopyDeck.Entries)
        {
            Assert.False(string.IsNullOrWhiteSpace(text.ZhTw), $"{key} has no Chinese text");
            Assert.False(string.IsNullOrWhiteSpace(text.En), $"{key} has no English text");
        }
    }
}
