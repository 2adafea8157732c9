using Laobao.Web.Localization;
using Laobao.Web.Mail;

namespace Laobao.Web.Tests.Mail;

public sealed class MailTemplatesTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["code"] = "12345678",
        ["minutes"] = "10",
        ["email"] = "new@example.tw",
        ["device"] = "Pixel 8",
        ["when"] = "115/11/27 (2026-11-27) 14:05",
    };

    [Theory]
    [InlineData(MailTemplate.ActivationCode, "啟用碼", "activation code")]
    [InlineData(MailTemplate.AccountActivated, "已啟用", "is active")]
    [InlineData(MailTemplate.DeviceLinked, "新裝置", "new device")]
    [InlineData(MailTemplate.PasswordChanged, "密碼已變更", "password was changed")]
    [InlineData(MailTemplate.EmailChangeCode, "確認", "confirm")]
    [InlineData(MailTemplate.EmailChanged, "已變更", "email was changed")]
    [InlineData(MailTemplate.AccountClosed, "已關閉", "was closed")]
    public void Every_mail_is_bilingual_with_the_persons_language_first(MailTemplate template, string zh, string en)
    {
        var chinese = MailTemplates.Render(template, UiLanguage.ZhTw, Values);
        var english = MailTemplates.Render(template, UiLanguage.En, Values);

        Assert.Contains(zh, chinese.Subject, StringComparison.Ordinal);
        Assert.Contains(en, chinese.Subject, StringComparison.Ordinal);
        Assert.True(chinese.Subject.IndexOf(zh, StringComparison.Ordinal) < chinese.Subject.IndexOf(en, StringComparison.Ordinal));
        Assert.True(english.Subject.IndexOf(en, StringComparison.Ordinal) < english.Subject.IndexOf(zh, StringComparison.Ordinal));
        Assert.StartsWith("您好", chinese.Body, StringComparison.Ordinal);
        Assert.StartsWith("Hello", english.Body, StringComparison.Ordinal);
        Assert.Contains("Laobao e-desk", chinese.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void The_code_mail_carries_the_code_and_its_lifetime_in_both_languages()
    {
        var mail = MailTemplates.Render(MailTemplate.ActivationCode, UiLanguage.ZhTw, Values);
        Assert.Contains("啟用碼是：12345678", mail.Body, StringComparison.Ordinal);
        Assert.Contains("activation code is: 12345678", mail.Body, StringComparison.Ordinal);
        Assert.Contains("10 分鐘", mail.Body, StringComparison.Ordinal);
        Assert.Contains("10 minutes", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenAValueIsMissingThenRenderingSaysWhich()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => MailTemplates.Render(MailTemplate.DeviceLinked, UiLanguage.En, new Dictionary<string, string>()));
        Assert.Contains("device", error.Message, StringComparison.Ordinal);
    }
}
