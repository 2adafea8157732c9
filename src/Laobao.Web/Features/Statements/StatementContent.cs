using Laobao.Web.Features.Inquiry.ReadModel;

namespace Laobao.Web.Features.Statements;

/// <summary>The two statements of SPEC §10, by the word the API and the ops command use.</summary>
public static class StatementKinds
{
    public const string Coverage = "coverage";
    public const string Pension = "pension";

    public static bool IsKnown(string? kind) => kind is Coverage or Pension;
}

/// <summary>Everything one statement prints: the person's inquiry as of a date, and the facts of this issue.</summary>
public sealed record StatementContent(
    string Kind, PersonInquiry Inquiry, DateTimeOffset IssuedAt, DateOnly ValidUntil, string Code, string VerifyUrl);
