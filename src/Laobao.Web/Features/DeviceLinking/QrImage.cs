using QRCoder;

namespace Laobao.Web.Features.DeviceLinking;

/// <summary>QR codes as PNG data: URIs (the CSP allows img data:), so the ticket never sits in a URL or a log.</summary>
public static class QrImage
{
    public static byte[] Png(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(6);
    }

    public static string PngDataUri(string text) => "data:image/png;base64," + Convert.ToBase64String(Png(text));
}
