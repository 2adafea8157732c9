namespace Laobao.Tests.Browser;

/// <summary>Where screenshots go: artifacts/screenshots at the repository root (ignored by git).</summary>
public static class RepositoryPaths
{
    public static string Root()
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

    public static string Screenshot(string name)
    {
        var dir = Path.Combine(Root(), "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name + ".png");
    }
}
