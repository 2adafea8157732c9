using Laobao.App.Localization;
using Laobao.Web.Localization;

namespace Laobao.App.Tests.Localization;

public sealed class AppCopyTests
{
    // SPEC §0: the labels people find in published walkthroughs, verbatim in both languages.
    [Theory]
    [InlineData("login", "登入", "Log in")]
    [InlineData("account", "帳號 (電子郵件)", "Account (email)")]
    [InlineData("password", "密碼", "Password")]
    [InlineData("verifyDevice", "認證裝置", "Verify device")]
    [InlineData("personalInquiry", "個人查詢", "Individual inquiry")]
    [InlineData("coverageInquiry", "投保資料查詢", "Check coverage info")]
    [InlineData("pensionInquiry", "勞工退休金個人專戶查詢", "Labour pension account")]
    public void Spec_labels_are_exact(string key, string zhTw, string en)
    {
        Assert.Equal(zhTw, AppCopy.Get(key, AppLanguage.ZhTw));
        Assert.Equal(en, AppCopy.Get(key, AppLanguage.En));
    }

    [Fact]
    public void Every_label_the_app_shares_with_the_e_desk_reads_the_same_on_both()
    {
        var shared = AppCopy.Entries.Keys.Intersect(CopyDeck.Entries.Keys).Where(k => k is not "languageSwitch" and not "languageSwitchLabel").ToList();
        Assert.Contains("verifyDevice", shared);
        foreach (var key in shared)
        {
            Assert.Equal(CopyDeck.Entries[key].ZhTw, AppCopy.Entries[key].ZhTw);
            Assert.Equal(CopyDeck.Entries[key].En, AppCopy.Entries[key].En);
        }
    }

    [Fact]
    public void Every_text_has_both_languages() =>
        Assert.All(AppCopy.Entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Value.ZhTw), e.Key);
            Assert.False(string.IsNullOrWhiteSpace(e.Value.En), e.Key);
        });

    [Fact]
    public void Moments_are_shown_in_taiwan_time_in_both_calendars() =>
        Assert.Equal("114/03/05 14:03 (2025-03-05 14:03)", Laobao.App.Localization.Ui.Moment(new DateTimeOffset(2025, 3, 5, 6, 3, 0, TimeSpan.Zero)));
}
