using PdfSharp.Fonts;

namespace Laobao.Web.Features.Statements;

/// <summary>
/// The one font of every statement: AR PL Mingti2L Big5 (bsmi00lp.ttf) carries both Traditional Chinese and Latin
/// glyphs, so one embedded subset serves both languages. PDFsharp resolves fonts through one process-wide resolver,
/// which is set once here; the file itself comes from <see cref="StatementOptions.FontFile"/>.
/// </summary>
public sealed class StatementFonts : IFontResolver
{
    public const string Family = "Laobao Ming";
    private const string FaceName = "laobao-ming";
    private static readonly Lock Gate = new();
    private readonly byte[] face;

    private StatementFonts(byte[] face) => this.face = face;

    /// <summary>Installs the resolver for <paramref name="fontFile"/> once per process; throws <see cref="StatementFontMissingException"/> when the file is absent.</summary>
    public static void EnsureInstalled(string fontFile)
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is StatementFonts)
            {
                return;
            }

            if (!File.Exists(fontFile))
            {
                throw new StatementFontMissingException(fontFile);
            }

            GlobalFontSettings.FontResolver = new StatementFonts(File.ReadAllBytes(fontFile));
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Bold is simulated: the Ming face has no bold cut.
        new(FaceName, bold, false);

    public byte[]? GetFont(string faceName) => faceName == FaceName ? face : null;
}

/// <summary>The CJK font is not installed: statements cannot be made until it is.</summary>
public sealed class StatementFontMissingException(string fontFile)
    : InvalidOperationException(
        $"The statement font {fontFile} is missing; install it with: sudo apt-get install -y fonts-arphic-bsmi00lp " +
        $"(找不到證明文件字型 {fontFile}，請安裝 fonts-arphic-bsmi00lp)")
{
    public string FontFile { get; } = fontFile;
}
