using QRCoder;

namespace Laobao.App.Tests.Support;

/// <summary>
/// Video files for Chromium's fake camera (<c>--use-file-for-fake-video-capture</c>): Y4M, 4:2:0, a still picture
/// repeated, so the app under test sees a QR code through getUserMedia exactly as a phone camera would give it.
/// </summary>
public static class FakeCamera
{
    private const int Width = 640;
    private const int Height = 480;

    /// <summary>A QR code of <paramref name="text"/>, black on white, filling most of the frame.</summary>
    public static string WriteQr(string text, string directory)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var count = modules.Count;
        var scale = Math.Max(1, Height * 9 / 10 / count);
        var luma = new byte[Width * Height];
        Array.Fill(luma, (byte)235);
        var left = (Width - (count * scale)) / 2;
        var top = (Height - (count * scale)) / 2;
        for (var y = 0; y < count * scale; y++)
        {
            for (var x = 0; x < count * scale; x++)
            {
                if (modules[y / scale][x / scale])
                {
                    luma[((top + y) * Width) + left + x] = 16;
                }
            }
        }

        return WriteY4m(luma, Path.Combine(directory, "qr-" + Guid.NewGuid().ToString("N") + ".y4m"));
    }

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
