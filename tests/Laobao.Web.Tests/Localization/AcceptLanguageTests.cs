using Laobao.App.Localization;
using Laobao.Client;
using Laobao.Web.Localization;

namespace Laobao.Web.Tests.Localization;

/// <summary>Issue 14, item 6: the first language follows the browser's, on the e-desk (Accept-Language) and in the app (navigator.languages).</summary>
public sealed class AcceptLanguageTests
{
    [Theory]
    [InlineData("en-US,en;q=0.9", UiLanguage.En)]
    [InlineData("vi-VN,vi;q=0.9,en;q=0.8", UiLanguage.En)]
    [InlineData("zh-TW,zh;q=0.9,en;q=0.8", UiLanguage.ZhTw)]
    [InlineData("en;q=0.5,zh-Hant;q=0.8", UiLanguage.ZhTw)]
    [InlineData("zh-CN", UiLanguage.ZhTw)]
    [InlineData("en-GB;q=0,zh-TW;q=0.1", UiLanguage.ZhTw)]
    public void The_desk_takes_the_first_chinese_or_english_of_accept_language(string header, UiLanguage expected) =>
        Assert.Equal(expected, LanguageMiddleware.FromAcceptLanguage(header));

    [Theory]
    [InlineData("")]
    [InlineData("vi-VN,th;q=0.5")]
    [InlineData("not a header;;;")]
    public void Without_chinese_or_english_the_desk_keeps_its_default(string header) =>
        Assert.Null(LanguageMiddleware.FromAcceptLanguage(header));

    [Theory]
    [InlineData(new[] { "en-US", "en" }, AppLanguage.En)]
    [InlineData(new[] { "vi", "en-GB" }, AppLanguage.En)]
    [InlineData(new[] { "zh-TW", "en" }, AppLanguage.ZhTw)]
    [InlineData(new[] { "ZH-hant" }, AppLanguage.ZhTw)]
    public void The_app_takes_the_first_chinese_or_english_of_navigator_languages(string[] languages, AppLanguage expected) =>
        Assert.Equal(expected, AppLanguages.FromBrowser(languages));

    [Fact]
    public void The_app_without_chinese_or_english_keeps_its_default() =>
        Assert.Null(AppLanguages.FromBrowser(["vi", "th"]));

    [Fact]
    public void A_name_with_a_latin_form_is_shown_in_both_scripts_leading_with_the_language_of_the_page()
    {
        Assert.Equal("Nguyen Thi Lan (阮氏蘭)", PersonNames.Both("阮氏蘭", "Nguyen Thi Lan", english: true));
        Assert.Equal("阮氏蘭（Nguyen Thi Lan）", PersonNames.Both("阮氏蘭", "Nguyen Thi Lan", english: false));
        Assert.Equal("王小明", PersonNames.Both("王小明", null, english: true));
        Assert.Equal("John Smith", PersonNames.Both("John Smith", "John Smith", english: false));
    }
}
