using System.Diagnostics;

namespace Laobao.Web.Tests.Features.Statements;

/// <summary>Debian's poppler tools (pdfinfo, pdffonts, pdftotext, pdfsig, pdftoppm), run on a file as a verifier would.</summary>
public static class Poppler
{
    public static async Task<(int Exit, string Output)> RunAsync(string tool, params string[] args)
    {
        var path = "/usr/bin/" + tool;
        Assert.True(File.Exists(path), $"{path} is missing: poppler-utils is needed (apt-get install -y poppler-utils; ./test.sh installs it).");
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    public static async Task<string> TextAsync(string pdf, int? page = null)
    {
        var args = new List<string> { "-layout", "-enc", "UTF-8" };
        if (page is { } p)
        {
            args.AddRange(["-f", p.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", p.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        args.AddRange([pdf, "-"]);
        var (exit, text) = await RunAsync("pdftotext", [.. args]);
        Assert.True(exit == 0, text);
        return text;
    }
}
