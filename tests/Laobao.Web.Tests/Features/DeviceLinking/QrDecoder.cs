using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Laobao.Web.Tests.Features.DeviceLinking;

/// <summary>
/// Reads a QR code out of a PNG the way a phone camera would: the PNG is decoded to grey pixels here
/// (ZXing.Net core has no image codec) and ZXing finds and decodes the symbol in them.
/// </summary>
public static class QrDecoder
{
    public static string DecodeDataUri(string dataUri)
    {
        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, dataUri, StringComparison.Ordinal);
        return DecodePng(Convert.FromBase64String(dataUri[prefix.Length..]));
    }

    public static string DecodePng(byte[] png)
    {
        var (width, height, grey) = ReadGrey(png);
        var source = new RGBLuminanceSource(grey, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        // The PNG is a clean, axis-aligned symbol: reading it as a pure barcode avoids the finder-pattern guesswork
        // a camera frame needs, so a decoding failure here means the image is wrong, never bad luck.
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.PURE_BARCODE] = true, [DecodeHintType.TRY_HARDER] = true };
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints);
        Assert.NotNull(result);
        return result.Text;
    }

    private static (int Width, int Height, byte[] Grey) ReadGrey(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        int width = 0, height = 0, depth = 0, colour = 0;
        byte[] palette = [];
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    depth = data[8];
                    colour = data[9];
                    Assert.Equal(0, data[12]); // not interlaced
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            at += 12 + length;
        }

        var channels = colour switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => throw new InvalidDataException("PNG colour type " + colour) };
        var bitsPerPixel = channels * depth;
        var stride = (width * bitsPerPixel + 7) / 8;
        var bpp = Math.Max(1, bitsPerPixel / 8);
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var rows = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var x = 0; x < stride; x++)
            {
                var value = raw[y * (stride + 1) + 1 + x];
                int a = x >= bpp ? rows[y * stride + x - bpp] : 0;
                int b = y > 0 ? rows[(y - 1) * stride + x] : 0;
                int c = x >= bpp && y > 0 ? rows[(y - 1) * stride + x - bpp] : 0;
                rows[y * stride + x] = (byte)(filter switch
                {
                    0 => value,
                    1 => value + a,
                    2 => value + b,
                    3 => value + ((a + b) >> 1),
                    4 => value + Paeth(a, b, c),
                    _ => throw new InvalidDataException("PNG filter " + filter),
                });
            }
        }

        var grey = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                grey[y * width + x] = Pixel(rows.AsSpan(y * stride, stride), x, depth, colour, palette);
            }
        }

        return (width, height, grey);
    }

    private static byte Pixel(ReadOnlySpan<byte> row, int x, int depth, int colour, byte[] palette) => colour switch
    {
        0 => (byte)Sample(row, x, depth, scale: true),
        4 => (byte)Sample(row, x * 2, depth, scale: true),
        3 => palette[Sample(row, x, depth, scale: false) * 3 + 1],
        _ => row[x * (colour == 2 ? 3 : 4) + 1],
    };

    private static int Sample(ReadOnlySpan<byte> row, int index, int depth, bool scale)
    {
        if (depth == 8)
        {
            return row[index];
        }

        var bit = index * depth;
        var value = (row[bit / 8] >> (8 - depth - bit % 8)) & ((1 << depth) - 1);
        return scale ? value * 255 / ((1 << depth) - 1) : value;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
