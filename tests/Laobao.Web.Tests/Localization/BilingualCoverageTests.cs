using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Laobao.App.Localization;
using Laobao.Web.Features.Inquiry;
using Laobao.Web.Features.Inquiry.ReadModel;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Localization;
using Laobao.Web.Mail;
using Laobao.Web.Security.Cards;
using Laobao.Web.Security.Passwords;

namespace Laobao.Web.Tests.Localization;

/// <summary>
/// Every word a person can see exists in both languages: the e-desk's and the app's copy decks, the terms, the
/// mails, the sentences for every error code, the reasons the pension page gives; and no view or component
/// writes user-visible text past the copy decks.
/// </summary>
public sealed partial class BilingualCoverageTests
{
    /// <summary>Entries that are deliberately not "Chinese in zh, English in en", with the reason.</summary>
    private static readonly Dictionary<string, string> LanguageNeutral = new(StringComparer.Ordinal)
    {
        // The switch names the language it switches to, in that language: English on the Chinese page and 中文 on the English page.
        ["languageSwitch"] = "names the other language",
        // A dash for "never": the same sign in both languages.
        ["deviceNever"] = "a dash",
    };

    /// <summary>Literal text in views that is not a translatable word, with the reason.</summary>
    private static readonly (string File, string Text, string Why)[] AllowedLiterals =
    [
        ("src/Laobao.App/Features/Linking/LinkPage.razor", "placeholder=\"XXXX-XXXX\"", "the shape of the manual code, not a word"),
    ];

    public static TheoryData<string> CopyDecks() => ["e-desk copy deck", "app copy deck", "account terms", "mail templates' frame", "statements copy", "estimates copy (e-desk)", "estimates copy (app)", "record health copy (e-desk)", "record health copy (app)", "statements copy (app)"];

    /// <summary>The record-health feature keeps its words as named static texts in these classes (issue 18).</summary>
    private static readonly Type[] RecordHealthCopy =
        [typeof(Laobao.Web.Features.Cases.CaseCopy), typeof(Laobao.Web.Features.Alerts.AlertCopy), typeof(Laobao.Web.Features.Staff.StaffCopy)];

    [Theory]
    [MemberData(nameof(CopyDecks))]
    public void Every_text_of_a_copy_deck_is_chinese_in_chinese_and_english_in_english(string deck)
    {
        var problems = Texts(deck).SelectMany(t => Problems(t.Key, t.ZhTw, t.En)).ToList();
        Assert.True(problems.Count == 0, $"{deck}:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void Reflection_finds_every_bilingual_text_the_web_host_and_the_app_hold()
    {
        // Guards the deck list above: a new static BilingualText (or list, or dictionary of them) must be checked too.
        var found = StaticTextMembers(typeof(CopyDeck).Assembly, typeof(BilingualText))
            .Where(m => !RecordHealthCopy.Contains(m.DeclaringType))
            .Concat(StaticTextMembers(typeof(AppCopy).Assembly, typeof(Text)))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            ["AccountTerms.Paragraphs", "AppCopy.Entries", "AppJourneyCopy.Entries", "AppPasskeyCopy.Entries", "CopyDeck.Entries", "EstimateCopy.Entries", "EstimatesCopy.Entries", "HealthCopy.Entries", "JourneyCopy.Entries", "MailTemplates.Automatic", "MailTemplates.Brand", "MailTemplates.Greeting", "MailTemplates.NotYou", "PasskeyCopy.Entries", "StatementCopy.Entries", "StatementsCopy.Entries"],
            found);
    }

    [Theory]
    [MemberData(nameof(MailTemplateCases))]
    public void Every_mail_says_everything_in_both_languages(MailTemplate template, UiLanguage language)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["code"] = "12345678", ["minutes"] = "10", ["email"] = "wang@example.tw", ["device"] = "Pixel 9", ["when"] = "115/03/01 16:00 (2026-03-01 16:00)",
            ["number"] = "LB-7K2M-Q9XD", ["status"] = "in-review", ["day"] = "115/03/01 (2026-03-01)", ["changes"] = "withdrawn,salary-changed",
        };
        var mail = MailTemplates.Render(template, language, values);
        var parts = mail.Body.Split("----------------------------------------", StringSplitOptions.TrimEntries);
        Assert.Equal(2, parts.Length);
        var (zh, en) = language == UiLanguage.En ? (parts[1], parts[0]) : (parts[0], parts[1]);
        Assert.Contains(zh, RazorLiteralText.IsChinese);
        Assert.DoesNotContain(en, RazorLiteralText.IsChinese);
        var subjects = mail.Subject.Split(" / ");
        Assert.Equal(2, subjects.Length);
        Assert.Contains(language == UiLanguage.En ? subjects[1] : subjects[0], RazorLiteralText.IsChinese);
        Assert.DoesNotContain(language == UiLanguage.En ? subjects[0].Replace("勞保 e 化服務櫃台", "", StringComparison.Ordinal) : subjects[1], RazorLiteralText.IsChinese);
        foreach (var value in values.Values.Where(v => mail.Body.Contains(v, StringComparison.Ordinal)))
        {
            Assert.Equal(2, Regex.Matches(mail.Body, Regex.Escape(value)).Count);
        }
    }

    public static TheoryData<MailTemplate, UiLanguage> MailTemplateCases()
    {
        var cases = new TheoryData<MailTemplate, UiLanguage>();
        foreach (var template in Enum.GetValues<MailTemplate>())
        {
            cases.Add(template, UiLanguage.ZhTw);
            cases.Add(template, UiLanguage.En);
        }

        return cases;
    }

    [Fact]
    public void Every_error_code_a_desk_page_can_show_has_a_sentence_in_both_languages()
    {
        // Card sign-in checks (SPEC §4.3), the account feature's codes and the field rules of the account form.
        var codes = CardCheckCodes.All.Select(c => "error." + c)
            .Concat(Constants(typeof(AccountCodes)).Select(c => c.StartsWith("account.", StringComparison.Ordinal) ? "error." + c : c))
            .Concat(Constants(typeof(PasswordProblems)));
        var missing = codes.Where(c => !CopyDeck.Entries.ContainsKey(c)).ToList();
        Assert.True(missing.Count == 0, "no copy-deck sentence for: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_app_never_shows_the_english_title_of_an_api_problem()
    {
        // A problem document carries a stable code and an English title meant for developers (ApiProblems); the app
        // turns codes into its own sentences in both languages (errorGeneric, linkExpired, signInFailed …).
        var app = Path.Combine(RepositoryRoot(), "src", "Laobao.App");
        var uses = SourceFiles(app, ".razor", ".cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(app, f), Line: i + 1, Text: line.Trim())))
            .Where(l => ProblemTitle().IsMatch(l.Text))
            .ToList();
        Assert.True(uses.Count == 0, "the app shows an API problem's title: " + string.Join("; ", uses));
        Assert.Contains("errorGeneric", AppCopy.Entries.Keys);
    }

    [Theory]
    [InlineData(PensionExplanationCode.OldScheme)]
    [InlineData(PensionExplanationCode.NoScheme)]
    [InlineData(PensionExplanationCode.ResidenceNotEligible)]
    [InlineData(PensionExplanationCode.NoContributionsYet)]
    public void Every_reason_for_no_pension_account_is_given_in_both_languages(PensionExplanationCode code)
    {
        var explanation = new PensionExplanation(code, new DateOnly(2005, 7, 1));
        var zh = InquiryService.NoData(explanation, UiLanguage.ZhTw);
        var en = InquiryService.NoData(explanation, UiLanguage.En);
        Assert.Equal(zh.Code, en.Code);
        Assert.Empty(Problems(zh.Code, zh.Message, en.Message));
    }

    [Fact]
    public void No_view_or_component_writes_user_visible_text_past_the_copy_decks()
    {
        var root = RepositoryRoot();
        var files = new[] { "src/Laobao.Web", "src/Laobao.App" }
            .SelectMany(dir => SourceFiles(Path.Combine(root, dir), ".cshtml", ".razor"))
            .ToList();
        Assert.True(files.Count > 20, $"only {files.Count} views found under {root}");

        var findings = files
            .SelectMany(f => RazorLiteralText.Scan(Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f)))
            .Where(f => !AllowedLiterals.Any(a => a.File == f.File && f.Text.Contains(a.Text, StringComparison.Ordinal)))
            .ToList();
        Assert.True(findings.Count == 0, "text written into views instead of the copy deck:\n" + string.Join("\n", findings));
    }

    [Theory]
    [InlineData("<p>Hello there</p>", 1)]
    [InlineData("<p>\n  你好\n</p>", 2)]
    [InlineData("<img alt=\"A picture\" src=\"x.png\">", 1)]
    [InlineData("@if (x)\n{\n    <p>@Ui[\"ok\"]</p>\n}\nelse\n{\n    <p>Not ok</p>\n}", 7)]
    [InlineData("<p>@(on ? \"開\" : \"關\")</p>", 1)]
    public void The_view_scan_finds_literal_text_with_its_line(string view, int line)
    {
        var finding = Assert.Single(RazorLiteralText.Scan("view.cshtml", view));
        Assert.Equal(line, finding.Line);
    }

    [Theory]
    [InlineData("<p>@Ui[\"homeIntro\"]</p>")]
    [InlineData("@page \"/desk\"\n@model IndexModel\n@{ ViewData[\"Title\"] = Ui[\"login\"]; }\n<h1>@Ui[\"login\"]</h1>")]
    [InlineData("<button @onclick=\"() => Go(x > 1)\" aria-label=\"@T[\"next\"]\">@T[\"next\"]</button>")]
    [InlineData("@switch (step)\n{\n    case Step.Choose when ready:\n        <h2>@T[\"scanQr\"]</h2>\n        break;\n}")]
    [InlineData("<p>@T[\"linkSite\"]: @stored.Site · @stored.DeviceName &middot; (@code)</p>\n@code {\n    private string Name => \"Some words\";\n}")]
    [InlineData("<script>var words = 'not shown';</script>\n@* a comment with words *@\n<!-- another one -->")]
    public void The_view_scan_leaves_copy_deck_text_and_code_alone(string view) =>
        Assert.Empty(RazorLiteralText.Scan("view.cshtml", view));

    private static IEnumerable<(string Key, string ZhTw, string En)> Texts(string deck) => deck switch
    {
        "e-desk copy deck" => CopyDeck.Entries.Select(e => (e.Key, e.Value.ZhTw, e.Value.En)),
        "app copy deck" => AppCopy.Entries.Select(e => (e.Key, e.Value.ZhTw, e.Value.En)),
        "statements copy" => Laobao.Web.Features.Statements.StatementCopy.Entries.Select(e => (e.Key, e.Value.ZhTw, e.Value.En)),
        "estimates copy (e-desk)" => Laobao.Web.Features.Estimates.EstimateCopy.Entries.Select(e => (e.Key, e.Value.ZhTw, e.Value.En)),
        "estimates copy (app)" => Laobao.App.Features.Estimates.EstimatesCopy.Entries.Select(e => (e.Key, e.Value.ZhTw, e.Value.En)),
        "statements copy (app)" => Laobao.App.Features.Statements.StatementsCopy.Entries.Select(e => (e.Key, e.Value.ZhTw, e.Value.En)),
        "account terms" => AccountTerms.Paragraphs.Select((p, i) => ($"paragraph {i + 1}", p.ZhTw, p.En)),
        "mail templates' frame" => StaticTextMembers(typeof(MailTemplates).Assembly, typeof(BilingualText))
            .Where(m => m.DeclaringType == typeof(MailTemplates))
            .Select(m => (BilingualText)((FieldInfo)m).GetValue(null)!)
            .Select((t, i) => ($"frame text {i + 1}", t.ZhTw, t.En)),
        "record health copy (e-desk)" => RecordHealthTexts(),
        "record health copy (app)" => Laobao.App.Features.RecordHealth.HealthCopy.Entries.Select(e => (e.Key, e.Value.ZhTw, e.Value.En)),
        _ => throw new ArgumentOutOfRangeException(nameof(deck), deck, "unknown deck"),
    };

    /// <summary>Every named text of the record-health classes, the status and topic words, and every finding's title and advice.</summary>
    private static IEnumerable<(string Key, string ZhTw, string En)> RecordHealthTexts()
    {
        foreach (var member in StaticTextMembers(typeof(CopyDeck).Assembly, typeof(BilingualText)).Where(m => RecordHealthCopy.Contains(m.DeclaringType)))
        {
            var value = member is FieldInfo f ? f.GetValue(null) : ((PropertyInfo)member).GetValue(null);
            if (value is BilingualText text)
            {
                yield return ($"{member.DeclaringType!.Name}.{member.Name}", text.ZhTw, text.En);
            }
        }

        foreach (var (_, word, text) in Laobao.Web.Features.Alerts.AlertCopy.Changes)
        {
            yield return ("change " + word, text.ZhTw, text.En);
        }

        foreach (var status in Laobao.Web.Features.Cases.CaseStatuses.All)
        {
            var t = Laobao.Web.Features.Cases.CaseCopy.Status(status);
            yield return ("status " + status, t.ZhTw, t.En);
        }

        foreach (var code in Laobao.Domain.RecordHealth.HealthCodes.All)
        {
            var title = Laobao.Web.Features.RecordHealth.HealthCopy.Title(code);
            var advice = Laobao.Web.Features.RecordHealth.HealthCopy.Advice(code);
            yield return ("title " + code, title.ZhTw, title.En);
            yield return ("advice " + code, advice.ZhTw, advice.En);
        }

        foreach (var pair in new[] { Laobao.Web.Features.RecordHealth.HealthCopy.Heading, Laobao.Web.Features.RecordHealth.HealthCopy.Clean, Laobao.Web.Features.RecordHealth.HealthCopy.Some, Laobao.Web.Features.RecordHealth.HealthCopy.Months, Laobao.Web.Features.RecordHealth.HealthCopy.Report })
        {
            yield return ("health " + pair.En, pair.ZhTw, pair.En);
        }
    }

    private static IEnumerable<string> Problems(string key, string zhTw, string en)
    {
        if (string.IsNullOrWhiteSpace(zhTw))
        {
            yield return $"{key}: no Chinese text";
        }

        if (string.IsNullOrWhiteSpace(en))
        {
            yield return $"{key}: no English text";
        }

        if (LanguageNeutral.ContainsKey(key))
        {
            yield break;
        }

        if (!zhTw.Any(RazorLiteralText.IsChinese))
        {
            yield return $"{key}: the Chinese text has no Chinese in it: \"{zhTw}\"";
        }

        if (en.Any(RazorLiteralText.IsChinese))
        {
            yield return $"{key}: the English text has Chinese in it: \"{en}\"";
        }

        var zhSlots = Placeholder().Matches(zhTw).Select(m => m.Value).Order(StringComparer.Ordinal);
        var enSlots = Placeholder().Matches(en).Select(m => m.Value).Order(StringComparer.Ordinal);
        if (!zhSlots.SequenceEqual(enSlots))
        {
            yield return $"{key}: the two languages fill in different values: \"{zhTw}\" / \"{en}\"";
        }
    }

    private static IEnumerable<MemberInfo> StaticTextMembers(Assembly assembly, Type textType)
    {
        const BindingFlags all = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes().Where(t => !t.IsGenericTypeDefinition))
        {
            foreach (var field in type.GetFields(all).Where(f => !f.Name.Contains('<', StringComparison.Ordinal) && HoldsTexts(f.FieldType, textType)))
            {
                yield return field;
            }

            foreach (var property in type.GetProperties(all).Where(p => HoldsTexts(p.PropertyType, textType)))
            {
                yield return property;
            }
        }
    }

    private static bool HoldsTexts(Type type, Type textType) =>
        type == textType
        || (typeof(IEnumerable).IsAssignableFrom(type) && type.GetInterfaces().Append(type)
            .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)
                && (i.GetGenericArguments()[0] == textType || i.GetGenericArguments()[0].GetGenericArguments().Contains(textType))));

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    private static IEnumerable<string> SourceFiles(string folder, params string[] extensions) =>
        Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.Ordinal)))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Laobao.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Laobao.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\.Title\b")]
    private static partial Regex ProblemTitle();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
