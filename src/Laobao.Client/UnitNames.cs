namespace Laobao.Client;

/// <summary>
/// Which of an insured unit's two names (SPEC §3 <c>name</c>, <c>name_latin</c>) a screen shows: the Latin one in
/// English, the Chinese one in Chinese, each falling back to the other when it is empty. The e-desk and the app both
/// ask here, so a unit reads the same on both.
/// </summary>
public static class UnitNames
{
    public static string For(string? name, string? nameLatin, bool english)
    {
        var (preferred, other) = english ? (nameLatin, name) : (name, nameLatin);
        return !string.IsNullOrWhiteSpace(preferred) ? preferred : other ?? string.Empty;
    }
}
