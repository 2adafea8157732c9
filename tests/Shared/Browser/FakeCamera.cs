using System.Text.Json;
using Microsoft.Playwright;
using QRCoder;

namespace Laobao.Tests.Browser;

/// <summary>
/// Video files for Chromium's fake camera (<c>--use-file-for-fake-video-capture</c>): Y4M, 4:2:0, a still picture
/// repeated, so the app under test sees a QR code through getUserMedia exactly as a phone camera would give it.
/// Two sources: a QR drawn here from a text (QRCoder), or a picture taken from a real page (the e-desk's QR
/// <c>&lt;img&gt;</c> read into grey levels by <see cref="ReadImageScript"/>), so a test can hold the phone to the
/// very image the e-desk shows. Chromium reads the file when the camera starts, not at launch: a test can launch the
/// phone with a <see cref="WriteBlank">blank</see> file, load the app, and put the picture in (<see cref="ShowImageOfAsync"/>)
/// just before the camera opens — the moment a person would hold the phone up.
/// </summary>
public static class FakeCamera
{
    private const int Width = 640;
    private const int Height = 480;
    private const byte Paper = 235;
    private const byte Ink = 16;

    /// <summary>
    /// A script for <c>locator.EvaluateAsync</c> on an <c>&lt;img&gt;</c>: waits until the picture is decoded, draws it on a
    /// canvas at its natural size and answers <c>{ width, height, grey }</c> with <c>grey</c> one byte per pixel, base64.
    /// </summary>
    public const string ReadImageScript = """
        async img => {
          await img.decode();
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth;
          canvas.height = img.naturalHeight;
          const context = canvas.getContext('2d');
          context.fillStyle = '#fff';
          context.fillRect(0, 0, canvas.width, canvas.height);
          context.drawImage(img, 0, 0);
          const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
          let text = '';
          for (let i = 0; i < rgba.length; i += 4) {
            text += String.fromCharCode(Math.round(0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2]));
          }
          return { width: canvas.width, height: canvas.height, grey: btoa(text) };
        }
        """;

    /// <summary>A QR code of <paramref name="text"/>, black on white, filling most of the frame.</summary>
    public static string WriteQr(string text, string directory)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var count = modules.Count;
        var grey = new byte[count * count];
        for (var y = 0; y < count; y++)
        {
            for (var x = 0; x < count; x++)
            {
                grey[(y * count) + x] = modules[y][x] ? Ink : Paper;
            }
        }

        return WriteImage(new GreyImage(count, count, grey), NewFile(directory));
    }

    /// <summary>A camera file that shows an empty white frame until a picture is put in it.</summary>
    public static string WriteBlank(string directory)
    {
        var path = NewFile(directory);
        var luma = new byte[Width * Height];
        Array.Fill(luma, Paper);
        return WriteY4m(luma, path);
    }

    /// <summary>
    /// A picture (one grey byte per pixel, as <see cref="ReadImageScript"/> answers) shown to the camera: enlarged by a
    /// whole factor (each pixel a clean square, as a QR module must stay) to fill most of the frame, centred on white.
    /// </summary>
    public static string WriteImage(GreyImage image, string cameraFile)
    {
        ArgumentNullException.ThrowIfNull(image);
        var grey = image.Grey.Span;
        if (image.Width <= 0 || image.Height <= 0 || grey.Length != image.Width * image.Height)
        {
            throw new ArgumentException($"A {image.Width}×{image.Height} picture needs {image.Width * image.Height} grey bytes, not {grey.Length}.", nameof(image));
        }

        var scale = Math.Max(1, Math.Min(Width * 9 / 10 / image.Width, Height * 9 / 10 / image.Height));
        var shownWidth = Math.Min(Width, image.Width * scale);
        var shownHeight = Math.Min(Height, image.Height * scale);
        var luma = new byte[Width * Height];
        Array.Fill(luma, Paper);
        var left = (Width - shownWidth) / 2;
        var top = (Height - shownHeight) / 2;
        for (var y = 0; y < shownHeight; y++)
        {
            for (var x = 0; x < shownWidth; x++)
            {
                // Video luma is limited range (16–235): full black and white are clamped to it.
                var level = grey[((y / scale) * image.Width) + (x / scale)];
                luma[((top + y) * Width) + left + x] = (byte)(Ink + (level * (Paper - Ink) / 255));
            }
        }

        return WriteY4m(luma, cameraFile);
    }

    /// <summary>Puts the picture an <c>&lt;img&gt;</c> of a page shows now into the camera file (see <see cref="ReadImageScript"/>).</summary>
    public static async Task ShowImageOfAsync(ILocator image, string cameraFile)
    {
        ArgumentNullException.ThrowIfNull(image);
        var picture = await image.EvaluateAsync<JsonElement>(ReadImageScript);
        WriteImage(
            new GreyImage(picture.GetProperty("width").GetInt32(), picture.GetProperty("height").GetInt32(), Convert.FromBase64String(picture.GetProperty("grey").GetString()!)),
            cameraFile);
    }

    private static string NewFile(string directory) => Path.Combine(directory, "camera-" + Guid.NewGuid().ToString("N") + ".y4m");

    private static string WriteY4m(byte[] luma, string path)
    {
        using var file = File.Create(path);
        var header = System.Text.Encoding.ASCII.GetBytes($"YUV4MPEG2 W{Width} H{Height} F10:1 Ip A1:1 C420jpeg\n");
        file.Write(header);
        var chroma = new byte[Width / 2 * (Height / 2)];
        Array.Fill(chroma, (byte)128);
        var frame = System.Text.Encoding.ASCII.GetBytes("FRAME\n");
        for (var i = 0; i < 10; i++)
        {
            file.Write(frame);
            file.Write(luma);
            file.Write(chroma);
            file.Write(chroma);
        }

        return path;
    }
}

/// <summary>A picture as grey levels, one byte per pixel, rows top to bottom.</summary>
public sealed record GreyImage(int Width, int Height, ReadOnlyMemory<byte> Grey);
