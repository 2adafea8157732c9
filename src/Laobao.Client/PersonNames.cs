namespace Laobao.Client;

/// <summary>
/// A person's name in both scripts (SPEC §3 <c>name</c>, <c>name_latin</c>): a foreign resident may not read the
/// Chinese one, and a clerk may not read the Latin one, so both are shown wherever the name appears. English leads
/// with the Latin name, Chinese with the Chinese one; a name with one script only is shown as it is.
/// </summary>
public static class PersonNames
{
    public static string Both(string? name, string? nameLatin, bool english)
    {
        var chinese = name?.Trim() ?? "";
        var latin = nameLatin?.Trim() ?? "";
        if (latin.Length == 0 || string.Equals(latin, chinese, StringComparison.Ordinal))
        {
            return chinese;
        }

        if (chinese.Length == 0)
        {
            return latin;
        }

        return english ? $"{latin} ({chinese})" : $"{chinese}（{latin}）";
    }
}
