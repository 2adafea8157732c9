using System.Text.RegularExpressions;
using Laobao.Web.Security.Passwords;

namespace Laobao.Web.Features.MobileAccount;

/// <summary>Stable codes of the account feature; the pages turn each into a sentence in both languages.</summary>
public static class AccountCodes
{
    public const string Invalid = "account.invalid";
    public const string TermsRequired = "account.terms-required";
    public const string Exists = "account.exists";
    public const string EmailTaken = "account.email-taken";
    public const string NotFound = "account.not-found";
    public const string NotActive = "account.not-active";
    public const string ActionUnknown = "account.action-unknown";

    /// <summary>Too many failed card signatures on the account pages; the answer says when to try again.</summary>
    public const string SigningLimited = "account.signing-limited";

    public const string EmailEmpty = "email.empty";
    public const string EmailFormat = "email.format";
    public const string EmailSame = "email.same";
    public const string MobileFormat = "mobile.format";
}

/// <summary>The form fields as typed.</summary>
public sealed record AccountForm(string? Email, string? Password, string? ConfirmPassword, string? Mobile);

/// <summary>The fields once they passed: normalised forms, as they are signed and stored.</summary>
public sealed record CleanAccountForm(string Email, string Password, string? Mobile);

public static partial class AccountInput
{
    public const int MaxEmailLength = 254;

    /// <summary>Trimmed and lower-cased; null when not an address (only ASCII addresses are accepted).</summary>
    public static string? NormalizeEmail(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var email = input.Trim().ToLowerInvariant();
        return email.Length <= MaxEmailLength && EmailPattern().IsMatch(email) ? email : null;
    }

    /// <summary>09XXXXXXXX or +8869XXXXXXXX (spaces and dashes forgiven) → 09XXXXXXXX; "" when left empty; null when wrong.</summary>
    public static string? NormalizeMobile(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return "";
        }

        var text = input.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (text.StartsWith("+8869", StringComparison.Ordinal))
        {
            text = "0" + text[4..];
        }

        return MobilePattern().IsMatch(text) ? text : null;
    }

    /// <summary>Every field's first problem (field name → code); empty when the form can be signed.</summary>
    public static Dictionary<string, string> Check(AccountForm form, IEnumerable<string> personalWords, out CleanAccountForm? clean)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var email = NormalizeEmail(form.Email);
        if (email is null)
        {
            errors["email"] = string.IsNullOrWhiteSpace(form.Email) ? AccountCodes.EmailEmpty : AccountCodes.EmailFormat;
        }

        var words = personalWords.Append(email ?? form.Email ?? "").ToList();
        if (PasswordPolicy.Check(form.Password, words) is { } passwordProblem)
        {
            errors["password"] = passwordProblem;
        }

        if (!string.Equals(form.Password, form.ConfirmPassword, StringComparison.Ordinal))
        {
            errors["confirmPassword"] = PasswordProblems.Mismatch;
        }

        var mobile = NormalizeMobile(form.Mobile);
        if (mobile is null)
        {
            errors["mobile"] = AccountCodes.MobileFormat;
        }

        clean = errors.Count == 0 ? new CleanAccountForm(email!, form.Password!, mobile is "" ? null : mobile) : null;
        return errors;
    }

    // A practical address check: one @, no spaces, a dotted domain of letters, digits and hyphens.
    [GeneratedRegex(@"^[^\s@""(),:;<>\[\]\\]{1,64}@(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^09[0-9]{8}$", RegexOptions.CultureInvariant)]
    private static partial Regex MobilePattern();
}
