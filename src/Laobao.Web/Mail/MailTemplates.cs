using System.Globalization;
using System.Text;
using Laobao.Web.Localization;

namespace Laobao.Web.Mail;

/// <summary>The mails Laobao sends. Each is bilingual: the person's language first, then the other.</summary>
public enum MailTemplate
{
    /// <summary>Values: code, minutes.</summary>
    ActivationCode,

    /// <summary>Values: email.</summary>
    AccountActivated,

    /// <summary>Values: device, when.</summary>
    DeviceLinked,

    /// <summary>Values: when.</summary>
    PasswordChanged,

    /// <summary>Values: code, minutes (sent to the new address).</summary>
    EmailChangeCode,

    /// <summary>Values: email (the new address), when (sent to the old address).</summary>
    EmailChanged,

    /// <summary>Values: when.</summary>
    AccountClosed,

    /// <summary>Values: number, status (a case status word). Record health cases, SPEC §12.</summary>
    CaseStatus,

    /// <summary>Values: day (both calendars), changes (alert change words, comma-joined). SPEC §12.</summary>
    RecordAlert,
}

public sealed record RenderedMail(string Subject, string Body);

public static class MailTemplates
{
    private static readonly BilingualText Brand = new("勞保 e 化服務櫃台", "Laobao e-desk");

    private static readonly BilingualText Greeting = new("您好：", "Hello,");

    private static readonly BilingualText NotYou = new(
        "如果這不是您本人的操作，請立即以自然人憑證登入 e 化服務櫃台檢查您的帳號，並聯絡客服。",
        "If this was not you, sign in to the e-desk with your Citizen Digital Certificate now to check your account, and contact the service desk.");

    private static readonly BilingualText Automatic = new("本信由系統自動寄出，請勿直接回信。", "This message was sent automatically; please do not reply.");

    public static RenderedMail Render(MailTemplate template, UiLanguage language, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var (subject, body) = Texts(template, values);
        var first = language;
        var second = language.Other();
        var text = new StringBuilder();
        foreach (var lang in new[] { first, second })
        {
            text.Append(Greeting.In(lang)).Append("\r\n\r\n")
                .Append(body.In(lang)).Append("\r\n\r\n")
                .Append(NotYou.In(lang)).Append("\r\n")
                .Append(Automatic.In(lang)).Append("\r\n")
                .Append(Brand.In(lang)).Append("\r\n");
            if (lang == first)
            {
                text.Append("\r\n----------------------------------------\r\n\r\n");
            }
        }

        // The separator follows the language the subject starts in: a full-width colon in Chinese, ": " in English.
        var separator = first == UiLanguage.En ? ": " : "：";
        return new RenderedMail($"{Brand.In(first)}{separator}{subject.In(first)} / {subject.In(second)}", text.ToString());
    }

    private static (BilingualText Subject, BilingualText Body) Texts(MailTemplate template, IReadOnlyDictionary<string, string> v)
    {
        string Value(string key) => v.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"Mail template {template} needs the value '{key}'.");

        return template switch
        {
            MailTemplate.ActivationCode => (
                new("行動服務帳號啟用碼", "activation code for your mobile services account"),
                new(
                    string.Create(CultureInfo.InvariantCulture, $"您的行動服務帳號啟用碼是：{Value("code")}\r\n\r\n請在 {Value("minutes")} 分鐘內，於 e 化服務櫃台「行動服務帳號作業」→「帳號啟用」輸入這 8 位數字。啟用碼只能使用一次，輸入錯誤 5 次即失效，可再申請新的啟用碼。"),
                    string.Create(CultureInfo.InvariantCulture, $"Your mobile services account activation code is: {Value("code")}\r\n\r\nWithin {Value("minutes")} minutes, enter these 8 digits on the e-desk under \"Mobile Services Account Management\" → \"Activate account\". The code works once; after 5 wrong tries it stops working and you can ask for a new one."))),
            MailTemplate.AccountActivated => (
                new("行動服務帳號已啟用", "your mobile services account is active"),
                new(
                    $"您的行動服務帳號 {Value("email")} 已啟用。下一步：請在 e 化服務櫃台「行動服務帳號作業」→「認證裝置」以手機 App 掃描 QR Code。",
                    $"Your mobile services account {Value("email")} is now active. Next: on the e-desk under \"Mobile Services Account Management\" → \"Verify device\", scan the QR code with the phone app.")),
            MailTemplate.DeviceLinked => (
                new("新裝置已認證", "a new device was linked"),
                new(
                    $"裝置「{Value("device")}」已於 {Value("when")} 認證為您的行動服務帳號裝置。",
                    $"The device \"{Value("device")}\" was linked to your mobile services account at {Value("when")}.")),
            MailTemplate.PasswordChanged => (
                new("密碼已變更", "your password was changed"),
                new(
                    $"您的行動服務帳號密碼已於 {Value("when")} 以自然人憑證確認後變更。",
                    $"The password of your mobile services account was changed at {Value("when")}, confirmed with your Citizen Digital Certificate.")),
            MailTemplate.EmailChangeCode => (
                new("確認新的電子郵件地址", "confirm your new email address"),
                new(
                    string.Create(CultureInfo.InvariantCulture, $"您申請將帳號電子郵件變更為此地址。確認碼是：{Value("code")}\r\n\r\n請在 {Value("minutes")} 分鐘內於 e 化服務櫃台輸入；確認前仍使用原地址。"),
                    string.Create(CultureInfo.InvariantCulture, $"You asked to move your mobile services account to this email address. The confirmation code is: {Value("code")}\r\n\r\nEnter it on the e-desk within {Value("minutes")} minutes; until then your account keeps its old address."))),
            MailTemplate.EmailChanged => (
                new("帳號電子郵件已變更", "your account email was changed"),
                new(
                    $"您的行動服務帳號已於 {Value("when")} 改為 {Value("email")}，此地址之後不會再收到帳號通知。",
                    $"Your mobile services account was moved to {Value("email")} at {Value("when")}; this address will get no more account mail.")),
            MailTemplate.AccountClosed => (
                new("行動服務帳號已關閉", "your mobile services account was closed"),
                new(
                    $"您的行動服務帳號已於 {Value("when")} 以自然人憑證確認後關閉，所有認證裝置已失效。日後可再以自然人憑證登入 e 化服務櫃台重新建立。",
                    $"Your mobile services account was closed at {Value("when")}, confirmed with your Citizen Digital Certificate; every linked device no longer works. You can create a new account on the e-desk with your card at any time.")),
            MailTemplate.CaseStatus or MailTemplate.RecordAlert => Features.Cases.HealthMailTexts.For(template, Value),
            _ => throw new ArgumentOutOfRangeException(nameof(template), template, "Unknown mail template."),
        };
    }
}
