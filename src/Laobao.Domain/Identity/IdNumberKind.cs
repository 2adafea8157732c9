namespace Laobao.Domain.Identity;

/// <summary>The three kinds of personal number SPEC §1 accepts.</summary>
public enum IdNumberKind
{
    /// <summary>National ID (身分證統一編號), <c>[A-Z][12]\d{8}</c>.</summary>
    NationalId,

    /// <summary>Resident certificate UI number in the new format (from 2021-01-02), <c>[A-Z][89]\d{8}</c>.</summary>
    ResidentNew,

    /// <summary>Alien Resident Certificate number in the old format, <c>[A-Z][A-D]\d{8}</c>.</summary>
    ArcOld,
}

/// <summary>Which rule an ID number broke, so callers can map it to a sentence in either language.</summary>
public enum IdNumberRule
{
    Empty,
    Length,
    Pattern,
    Checksum,
}

/// <summary>Why a text is not an ID number. <see cref="Message"/> is English and names the rule.</summary>
public sealed record IdNumberError(IdNumberRule Rule, string Message);
