using System.Globalization;
using System.Security.Cryptography;
using Laobao.Web.Data;
using Laobao.Web.Features.MobileAccount;
using Laobao.Web.Features.MobileApi;
using Laobao.Web.Localization;
using Laobao.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace Laobao.Web.Features.Cases;

/// <summary>A refused report: a stable code and a sentence in both languages naming the problem.</summary>
public sealed record CaseProblem(string Code, string ZhTw, string En)
{
    public string In(UiLanguage language) => language == UiLanguage.En ? En : ZhTw;
}

/// <summary>What a person asks to report; every field as typed, checked by <see cref="CaseService.ReportAsync"/>.</summary>
public sealed record CaseInput(string? Topic, string? UnitCode, string? FromMonth, string? ToMonth, string? Comment);

/// <summary>
/// "Report a problem" and its cases (SPEC §12): a person reports, staff review and answer. Every change writes the
/// case, its history step, the mail (through the outbox) and the audit rows in one SaveChanges, so none is ever
/// without the others.
/// </summary>
public sealed class CaseService(LaobaoDbContext db, MailOutbox outbox, RequestAudit audit, TimeProvider time)
{
    public const string ReportAction = "case-report";
    public const string StaffViewAction = "staff-case-view";
    public const string StaffRecordViewAction = "staff-record-view";
    public const string StaffAnswerAction = "staff-case-answer";

    /// <summary>Open cases one person may have at once: enough for any real record, a wall for a script.</summary>
    public const int MaxOpenPerPerson = 20;

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public async Task<(RecordCase? Case, CaseProblem? Problem)> ReportAsync(string personIdNumber, CaseInput input, UiLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var comment = input.Comment?.Trim() ?? "";
        if (comment.Length == 0)
        {
            return (null, new("case-comment-empty", "請寫下哪裡看起來不對。", "Write what looks wrong."));
        }

        if (comment.Length > CaseLimits.CommentLength)
        {
            return (null, new(
                "case-comment-too-long",
                string.Create(CultureInfo.InvariantCulture, $"說明最多 {CaseLimits.CommentLength:#,0} 字，您寫了 {comment.Length:#,0} 字；請縮短後再送出。"),
                string.Create(CultureInfo.InvariantCulture, $"The comment can be at most {CaseLimits.CommentLength:#,0} characters; yours has {comment.Length:#,0}. Shorten it and send it again.")));
        }

        if (!CaseCopy.IsTopic(input.Topic))
        {
            return (null, new("case-topic-invalid", "請選擇這個回報是關於什麼。", "Choose what the report is about."));
        }

        var unit = string.IsNullOrWhiteSpace(input.UnitCode) ? null : input.UnitCode.Trim();
        if (unit is not null && (unit.Length != 9 || !unit.All(char.IsAsciiDigit)))
        {
            return (null, new("case-unit-invalid", "投保單位代號是 9 位數字。", "An insured unit code has 9 digits."));
        }

        if (!TryMonth(input.FromMonth, out var from) || !TryMonth(input.ToMonth, out var to) || (from is { } f && to is { } t && t < f))
        {
            return (null, new("case-month-invalid", "月份請寫成西元年-月，例如 2025-05；結束月份不可早於開始月份。", "Write months as year-month, e.g. 2025-05; the last month cannot be before the first."));
        }

        var open = await db.Set<RecordCase>().CountAsync(c => c.PersonIdNumber == personIdNumber && (c.Status == CaseStatuses.Received || c.Status == CaseStatuses.InReview), cancellationToken);
        if (open >= MaxOpenPerPerson)
        {
            return (null, new("case-limit", $"您已有 {MaxOpenPerPerson} 件處理中的回報；請等候回覆後再回報新的問題。", $"You already have {MaxOpenPerPerson} reports in progress; wait for an answer before reporting more."));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var entity = new RecordCase
        {
            Number = NewNumber(),
            PersonIdNumber = personIdNumber,
            CreatedAt = now,
            UpdatedAt = now,
            Status = CaseStatuses.Received,
            Topic = input.Topic!,
            UnitCode = unit,
            FromMonth = from,
            ToMonth = to ?? from,
            Comment = comment,
        };
        db.Set<RecordCase>().Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        await StepAsync(entity, CaseStatuses.Received, "person", null, language, cancellationToken);
        await audit.RecordAsync(ReportAction, "ok", personIdNumber, cancellationToken);
        outbox.Wake();
        return (entity, null);
    }

    /// <summary>The person's own cases, newest first.</summary>
    public async Task<IReadOnlyList<RecordCase>> MineAsync(string personIdNumber, CancellationToken cancellationToken) =>
        await db.Set<RecordCase>().AsNoTracking().Where(c => c.PersonIdNumber == personIdNumber)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).ToListAsync(cancellationToken);

    /// <summary>One of the person's own cases; another person's case and an unknown number are both null.</summary>
    public async Task<RecordCase?> MineAsync(string personIdNumber, string? number, CancellationToken cancellationToken) =>
        Normalize(number) is { } n
            ? await db.Set<RecordCase>().AsNoTracking().FirstOrDefaultAsync(c => c.Number == n && c.PersonIdNumber == personIdNumber, cancellationToken)
            : null;

    public async Task<IReadOnlyList<CaseEvent>> HistoryAsync(long caseId, CancellationToken cancellationToken) =>
        await db.Set<CaseEvent>().AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);

    /// <summary>Cases for staff, oldest first; open ones (received and in review) unless a status is given.</summary>
    public async Task<IReadOnlyList<RecordCase>> ForStaffAsync(string? status, CancellationToken cancellationToken)
    {
        var cases = db.Set<RecordCase>().AsNoTracking();
        cases = status is not null && CaseStatuses.All.Contains(status)
            ? cases.Where(c => c.Status == status)
            : cases.Where(c => c.Status == CaseStatuses.Received || c.Status == CaseStatuses.InReview);
        return await cases.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Take(500).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// A staff member opens a case: audited for the staff member and, in the person's activity history, for the person;
    /// a received case moves to in review (history step and mail).
    /// </summary>
    public async Task<RecordCase?> OpenForStaffAsync(string staffIdNumber, string? number, CancellationToken cancellationToken)
    {
        if (Normalize(number) is not { } n || await db.Set<RecordCase>().FirstOrDefaultAsync(c => c.Number == n, cancellationToken) is not { } entity)
        {
            return null;
        }

        if (entity.Status == CaseStatuses.Received)
        {
            entity.Status = CaseStatuses.InReview;
            entity.UpdatedAt = time.GetUtcNow().UtcDateTime;
            await StepAsync(entity, CaseStatuses.InReview, "staff", staffIdNumber, UiLanguage.ZhTw, cancellationToken);
        }

        await audit.RecordAsync(StaffViewAction, "ok", entity.PersonIdNumber, cancellationToken);
        await audit.RecordAsync(StaffViewAction, "ok", staffIdNumber, cancellationToken);
        outbox.Wake();
        return entity;
    }

    /// <summary>Staff may read a record only while its person has a case; every read, refused or not, is audited.</summary>
    public async Task<bool> StaffMayReadAsync(string staffIdNumber, string personIdNumber, CancellationToken cancellationToken)
    {
        var allowed = await db.Set<RecordCase>().AnyAsync(c => c.PersonIdNumber == personIdNumber, cancellationToken);
        if (allowed)
        {
            await audit.RecordAsync(StaffRecordViewAction, "ok", personIdNumber, cancellationToken);
        }

        await audit.RecordAsync(StaffRecordViewAction, allowed ? "ok" : "no-case", staffIdNumber, cancellationToken);
        return allowed;
    }

    public async Task<(RecordCase? Case, CaseProblem? Problem)> AnswerAsync(string staffIdNumber, string? number, string? answer, bool corrected, CancellationToken cancellationToken)
    {
        if (Normalize(number) is not { } n || await db.Set<RecordCase>().FirstOrDefaultAsync(c => c.Number == n, cancellationToken) is not { } entity)
        {
            return (null, null);
        }

        var text = answer?.Trim() ?? "";
        if (text.Length == 0 || text.Length > CaseLimits.AnswerLength)
        {
            return (entity, new("case-answer-invalid", $"回覆不可空白，最多 {CaseLimits.AnswerLength:#,0} 字。", $"The answer cannot be empty and can be at most {CaseLimits.AnswerLength:#,0} characters."));
        }

        var status = corrected ? CaseStatuses.Corrected : CaseStatuses.Answered;
        entity.Answer = text;
        entity.Status = status;
        entity.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await StepAsync(entity, status, "staff", staffIdNumber, UiLanguage.ZhTw, cancellationToken);
        await audit.RecordAsync(StaffAnswerAction, "ok", entity.PersonIdNumber, cancellationToken);
        await audit.RecordAsync(StaffAnswerAction, "ok", staffIdNumber, cancellationToken);
        outbox.Wake();
        return (entity, null);
    }

    /// <summary>LB-XXXX-XXXX in any case and with or without dashes; anything else is no number.</summary>
    public static string? Normalize(string? number)
    {
        if (number is null || number.Length > 20)
        {
            return null;
        }

        var compact = new string([.. number.ToUpperInvariant().Where(c => c != '-' && c != ' ')]);
        if (compact.StartsWith("LB", StringComparison.Ordinal))
        {
            compact = compact[2..];
        }

        return compact.Length == 8 && compact.All(c => Alphabet.Contains(c, StringComparison.Ordinal))
            ? "LB-" + compact[..4] + "-" + compact[4..]
            : null;
    }

    public static string NewNumber()
    {
        Span<byte> bytes = stackalloc byte[5];
        RandomNumberGenerator.Fill(bytes);
        ulong value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        Span<char> chars = stackalloc char[8];
        for (var i = 7; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return "LB-" + new string(chars[..4]) + "-" + new string(chars[4..]);
    }

    private static bool TryMonth(string? text, out DateOnly? month)
    {
        month = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= 1950)
        {
            month = day;
            return true;
        }

        return false;
    }

    /// <summary>Stages the history step and the mail to the person's active account (if any); the caller's audit saves them.</summary>
    private async Task StepAsync(RecordCase entity, string status, string actor, string? staff, UiLanguage language, CancellationToken cancellationToken)
    {
        db.Set<CaseEvent>().Add(new CaseEvent { CaseId = entity.Id, At = time.GetUtcNow().UtcDateTime, Status = status, Actor = actor, StaffIdNumber = staff });
        var email = await db.Set<MobileAccount.MobileAccount>().AsNoTracking()
            .Where(a => a.PersonIdNumber == entity.PersonIdNumber && a.Status == MobileAccountStatus.Active)
            .Select(a => a.Email).FirstOrDefaultAsync(cancellationToken);
        if (email is not null)
        {
            outbox.Add(db, email, MailTemplate.CaseStatus, language, new Dictionary<string, string>(StringComparer.Ordinal) { ["number"] = entity.Number, ["status"] = status });
        }
    }
}
